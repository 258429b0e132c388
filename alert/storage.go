package alert

import (
	"context"
	"time"

	"github.com/rasad/rasad/store"
)

// Storage is what alerts need from a database besides the documents: the
// saved searches and the outbox of their matches. store/sqlite and
// store/postgres implement it; alerttest is the suite both must pass.
type Storage interface {
	// AddAlert saves a (validated) alert, or returns ErrExists.
	AddAlert(ctx context.Context, a Alert) error
	// Alerts returns every saved alert, in the order they were added.
	Alerts(ctx context.Context) ([]Alert, error)
	// RemoveAlert deletes the alert and its undelivered matches, or
	// returns ErrNoAlert.
	RemoveAlert(ctx context.Context, name string) error

	// DocumentNums returns the store numbers of the documents with the
	// given ids, sorted; ids not stored are left out.
	DocumentNums(ctx context.Context, ids []string) ([]int64, error)

	// RecordMatches inserts the matches into the outbox, pending and
	// leased to owner until leaseUntil, in one transaction; a match
	// whose (alert, document, event key) is already recorded is skipped
	// (ON CONFLICT DO NOTHING). It returns the deliveries of the rows
	// it inserted: those, and only those, are for the caller to deliver.
	RecordMatches(ctx context.Context, ms []Match, owner string, leaseUntil time.Time) ([]Delivery, error)
	// ClaimDeliveries leases to owner, until leaseUntil, up to limit
	// pending deliveries due at now whose lease (if any) has expired,
	// oldest first, and returns them.
	ClaimDeliveries(ctx context.Context, owner string, now, leaseUntil time.Time, limit int) ([]Delivery, error)
	// FinishAttempt records one attempt at delivery d by its owner: its
	// new state, the error (if any) and, for a retry, when it is due;
	// the lease is released. It reports false when owner no longer held
	// the lease (it expired and another worker took it).
	FinishAttempt(ctx context.Context, d Delivery, owner string, a Attempt) (bool, error)
	// ReleaseDelivery gives back a delivery its owner leased without
	// attempting it, due again at next; no attempt is counted. It
	// reports false when owner no longer held the lease.
	ReleaseDelivery(ctx context.Context, d Delivery, owner string, next time.Time) (bool, error)
	// Deliveries returns the deliveries in state (all states when it is
	// empty), newest first, at most limit of them.
	Deliveries(ctx context.Context, state State, limit int) ([]Delivery, error)
	// Outbox counts the deliveries by state and tells when the earliest
	// pending one is due (zero when none is pending).
	Outbox(ctx context.Context) (OutboxStats, error)
}

// Store is a document store that keeps alerts: what an Engine runs on.
type Store interface {
	store.Store
	Storage
}

// Match is a new match to record: an alert, a document (by its store
// number) and the event in it. (Alert, Doc, EventKey) is its unique key.
type Match struct {
	Alert int64
	Doc   int64
	// Event is the event's ordinal in the document, -1 for an article
	// match; EventKey names it by what it says (see EventKey).
	Event     int
	EventKey  string
	MatchedAt time.Time
	// Body is the JSON line to deliver, without its newline.
	Body []byte
}

// State is where a delivery stands.
type State string

// States of a delivery.
const (
	Pending   State = "pending"   // not delivered yet; retried when due
	Delivered State = "delivered" // the sink took it
	Failed    State = "failed"    // refused (a 4xx), or out of attempts
)

// Delivery is one recorded match on its way to its alert's sink.
type Delivery struct {
	ID int64
	// Key names the delivery for the receiver (X-Rasad-Delivery), the
	// same on every attempt, so that it can drop a repeat.
	Key       string
	Alert     string // the alert's name
	Sink      string
	Secret    string
	Doc       int64
	Event     int
	MatchedAt time.Time
	Body      []byte
	State     State
	Attempts  int
	NextAt    time.Time
	LastError string
}

// Attempt is the outcome of one try at a delivery.
type Attempt struct {
	State State
	Err   string
	// NextAt is when a pending delivery is tried again.
	NextAt time.Time
	At     time.Time
}

// OutboxStats counts deliveries by state.
type OutboxStats struct {
	Pending, Delivered, Failed int
	// NextDue is when the earliest pending delivery is due; zero when
	// none is pending.
	NextDue time.Time
}
