package store

import (
	"context"
	"errors"
	"time"
)

// Queue is the durable work list of `rasad watch`, kept in the same
// database as the documents: the sources it follows and every URL (or
// file) it has found, with where each stands. Several processes may share
// one queue: an item is claimed under a lease, and an item whose lease has
// run out (its worker died) may be claimed by another. Every method is one
// transaction. The SQLite and PostgreSQL stores implement it.
type Queue interface {
	// SyncSource records a source the watch follows, or updates its
	// description; what it learnt (validators, last success) is kept.
	SyncSource(ctx context.Context, src QueueSource) error

	// ClaimPoll claims the source name for polling when it is due (its
	// next poll is at or before now, or force), and moves its next poll
	// to now+interval, so that of several processes only one polls a
	// source each interval. It returns the source's validators, and
	// false when the source is not due.
	ClaimPoll(ctx context.Context, name string, now time.Time, interval time.Duration, force bool) (Validators, bool, error)

	// Polled records a successful poll of source at time at, with the
	// validators to send next time, and adds the items found (all of the
	// same source) unless their Key is already queued. It returns how
	// many were new.
	Polled(ctx context.Context, source string, at time.Time, v Validators, items []QueueItem) (int, error)

	// PollFailed records why a poll of source failed.
	PollFailed(ctx context.Context, source string, at time.Time, reason string) error

	// Claim leases up to n items that are ready (discovered or fetched,
	// due by now, not leased by anyone) to owner until now+lease, and
	// counts the attempt. Concurrent claimers never get the same item.
	Claim(ctx context.Context, owner string, n int, now time.Time, lease time.Duration) ([]QueueItem, error)

	// Fetched records the fetched body of an item owner holds, so that
	// a worker that takes it over later extracts it without fetching
	// it again.
	Fetched(ctx context.Context, owner string, id int64, body []byte, contentType string, at time.Time) error

	// Retry puts an item owner holds back in the queue, due at next,
	// with the reason its attempt failed.
	Retry(ctx context.Context, owner string, id int64, next time.Time, f Failure) error

	// Fail records that an item owner holds failed for good.
	Fail(ctx context.Context, owner string, id int64, at time.Time, f Failure) error

	// Stored records that the items owner holds were stored (docIDs[i]
	// for ids[i], "" when the item yielded no document to keep).
	Stored(ctx context.Context, owner string, ids []int64, docIDs []string, at time.Time) error

	// Renew extends to until the leases of every item owner holds, so
	// that a long item (a large file, a slow page) stays its worker's
	// while the worker lives; a dead worker renews nothing.
	Renew(ctx context.Context, owner string, until time.Time) error

	// Release gives back every item owner still holds, as if it had
	// never claimed them (the attempt is not counted).
	Release(ctx context.Context, owner string) error

	// Pending counts the items not yet done (discovered or fetched,
	// whoever holds them) and says when the soonest of them is due or
	// its lease runs out.
	Pending(ctx context.Context) (n int, next time.Time, err error)

	// QueueStatus reports every source and the items by state.
	QueueStatus(ctx context.Context) (QueueStatus, error)
}

// ErrLeaseLost is returned when a worker records the outcome of an item
// whose lease ran out and that another worker has claimed since.
var ErrLeaseLost = errors.New("queue: lease lost (another worker claimed the item)")

// The states of a queued item.
const (
	StateDiscovered = "discovered" // found in a feed or folder, not yet fetched
	StateFetched    = "fetched"    // fetched, not yet stored
	StateStored     = "stored"     // extracted and stored (or found already stored)
	StateFailed     = "failed"     // given up, with a reason
)

// QueueSource describes a source for the queue.
type QueueSource struct {
	Name     string
	Kind     string // "feed" or "folder"
	Location string // the URL or the folder
	Country  string
}

// Validators are what a server sent to make the next request for the same
// resource conditional.
type Validators struct {
	ETag, LastModified string
}

// QueueItem is one URL or file to process.
type QueueItem struct {
	ID int64
	// Key is the item's identity: the normalised URL, or for a file
	// file://PATH?size=N&mtime=NS.
	Key    string
	Kind   string // "page" or "file"
	Source string
	// Title and Published come from the feed (Published is RFC 3339,
	// or empty).
	Title     string
	Published string
	State     string
	Attempts  int // claims so far, this one included
	// Body and ContentType hold the fetched page once State is fetched.
	Body        []byte
	ContentType string
	// Discovered is when the item was first queued.
	Discovered time.Time
}

// Failure says why an attempt failed.
type Failure struct {
	Reason  string // a short class: "http-4xx", "timeout", "extract", …
	Status  int    // the HTTP status, if any
	Message string // the whole error
}

// QueueStatus is the state of the watch.
type QueueStatus struct {
	Sources []SourceStatus `json:"sources"`
	// States counts the items in each state.
	States map[string]int `json:"states"`
	// Failures lists the most recent failed items (at most 50).
	Failures []FailedItem `json:"failures"`
}

// SourceStatus is what the queue knows of one source.
type SourceStatus struct {
	Name        string         `json:"name"`
	Kind        string         `json:"kind"`
	Location    string         `json:"location"`
	Country     string         `json:"country,omitempty"`
	LastPoll    *time.Time     `json:"last_poll"`
	LastSuccess *time.Time     `json:"last_success"`
	LastError   string         `json:"last_error,omitempty"`
	LastErrorAt *time.Time     `json:"last_error_at,omitempty"`
	States      map[string]int `json:"states"`
}

// FailedItem is an item given up, with why.
type FailedItem struct {
	Key      string    `json:"url"`
	Source   string    `json:"source"`
	Reason   string    `json:"reason"`
	Status   int       `json:"status,omitempty"`
	Message  string    `json:"message"`
	Attempts int       `json:"attempts"`
	At       time.Time `json:"at"`
}
