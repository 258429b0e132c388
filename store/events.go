package store

import (
	"context"
	"encoding/json"

	"github.com/rasad/rasad/document"
)

// EventLister is a store that can list events one by one, with the
// event-level filters and paging, straight from rows kept beside the
// documents, without decoding document bodies. Both backends implement
// it; the HTTP API needs it.
//
// The rows are derived from the stored documents by SyncEvents, which a
// reader calls when EventsVersion changes: documents stored since (by any
// process) get their rows, replaced events lose theirs.
type EventLister interface {
	// EventsVersion changes whenever documents or events are stored or
	// replaced; it is cheap to ask for.
	EventsVersion(ctx context.Context) (string, error)
	// SyncEvents brings the event rows up to date with the documents
	// and says how many rows it added and removed.
	SyncEvents(ctx context.Context) (added, removed int, err error)

	// CountEvents counts the events q selects (its paging aside).
	CountEvents(ctx context.Context, q EventQuery) (int, error)
	// ListEvents returns a page of the events q selects, newest first
	// (by EventItem day, undated last, then by number, last stored
	// first).
	ListEvents(ctx context.Context, q EventQuery) ([]EventRow, error)
	// ListEventNums returns the numbers of all the events q selects, in
	// ListEvents's order (q's paging aside): for a caller that keeps
	// them and reads pages with EventsByNum.
	ListEventNums(ctx context.Context, q EventQuery) ([]int64, error)
	// EventsByNum returns the events numbered nums, in that order;
	// numbers with no event are left out.
	EventsByNum(ctx context.Context, nums []int64) ([]EventRow, error)
	// EventsAfter returns up to limit events numbered above after, in
	// order of number: what a stream of new events sends.
	EventsAfter(ctx context.Context, after int64, limit int) ([]EventRow, error)
	// EventsNear returns, sorted, the numbers of the events whose place
	// lies within c: what EventQuery.Near selects.
	EventsNear(ctx context.Context, c Circle) ([]int64, error)
	// LastEvent returns the number of the newest stored event (0 when
	// there is none), whose row may not be synced yet.
	LastEvent(ctx context.Context) (int64, error)

	// CountIncidents counts the incidents with an event q selects.
	CountIncidents(ctx context.Context, q EventQuery) (int, error)
	// ListIncidents returns a page of those incidents, newest first (by
	// their latest report's day), each with every event reporting it.
	ListIncidents(ctx context.Context, q EventQuery) ([]IncidentRows, error)

	// EventStats counts the events q selects per day and type.
	EventStats(ctx context.Context, q EventQuery) (EventStats, error)
	// Actors counts how often each actor acts and is targeted in the
	// events q selects, most frequent first, at most q.Limit of them.
	Actors(ctx context.Context, q EventQuery) ([]ActorCount, error)
	// ActorLinks counts, for the events q selects, who acts on whom
	// with what type of event, most frequent first, at most q.Limit.
	ActorLinks(ctx context.Context, q EventQuery) ([]ActorLink, error)
	// Places counts the events q selects per place, most frequent
	// first, at most q.Limit.
	Places(ctx context.Context, q EventQuery) ([]PlaceCount, error)

	// NewestDocuments returns a page of the numbers of all documents,
	// newest first, as Published orders them.
	NewestDocuments(ctx context.Context, offset, limit int) ([]int64, error)
	// DocumentSummaries describes the documents numbered nums, in that
	// order, from their columns alone; numbers with no document are left
	// out.
	DocumentSummaries(ctx context.Context, nums []int64) ([]DocumentSummary, error)
}

// EventQuery selects events. Zero fields do not filter. The names are
// matched word by word on normalised stems, as search.EventFilter does.
type EventQuery struct {
	// Types: PLOVER or ACLED types, any of which the event has.
	Types []string
	// Actor: every word must be among the event's actor's, target's and
	// participants' names.
	Actor string
	// Place: every word must be among the event's place's name, first
	// level division and country.
	Place string
	// Outlet: the article's outlet, matched whole.
	Outlet string
	// From and To bound the event's day (2006-01-02), inclusive.
	From, To string
	// Near keeps events whose place lies within Km of Lat, Lon.
	Near *Circle
	// Docs, when not nil, keeps only the events of these documents.
	Docs []int64
	// Events, when not nil, keeps only the events numbered so (what
	// EventsNear returned, say).
	Events []int64
	// Limit and Offset page the answer; Limit 0 means no limit.
	Limit, Offset int
	// Selected and All, when known (counted before: CountEvents of this
	// query and of one without filters), let ListEvents and
	// ListIncidents choose how to read: along the newest-first order
	// when the events selected are common, from the filters' index
	// when they are rare.
	Selected, All int
}

// Circle is a place on the map and a distance around it.
type Circle struct {
	Lat, Lon, Km float64
}

// EventRow is one event as listed.
type EventRow struct {
	Num      int64 // the event's number in this database
	Doc      int64 // its document's number
	Incident int64
	// Item is the event's EventItem in JSON.
	Item json.RawMessage
}

// EventItem is an event with what a reader needs beside it: its place
// resolved, its article's title, outlet and date, and its incident.
type EventItem struct {
	Doc           string          `json:"doc"`
	ID            string          `json:"id"`
	Type          string          `json:"type"`
	Mode          string          `json:"mode"`
	ACLED         *document.ACLED `json:"acled"`
	Date          *string         `json:"date"`
	DatePrecision *string         `json:"date_precision"`
	Modality      string          `json:"modality"`
	Actor         *ItemArgument   `json:"actor"`
	Target        *ItemArgument   `json:"target"`
	Participants  []ItemArgument  `json:"participants"`
	Place         *ItemPlace      `json:"place"`
	Fatalities    *int            `json:"fatalities"`
	Trigger       document.Span   `json:"trigger"`
	Evidence      document.Span   `json:"evidence"`
	Incident      int64           `json:"incident"`
	Title         *string         `json:"title"`
	Outlet        *string         `json:"outlet"`
	Published     *string         `json:"published"`
}

// ItemArgument is an actor, target or participant of an EventItem.
type ItemArgument struct {
	Text      string  `json:"text"`
	Canonical string  `json:"canonical"`
	KB        *string `json:"kb"`
}

// ItemPlace is the place of an EventItem.
type ItemPlace struct {
	Name      string   `json:"name"`
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
	Country   string   `json:"country"`
	Admin1    string   `json:"admin1"`
	Precision string   `json:"precision"`
}

// IncidentRows is one incident and every event reporting it.
type IncidentRows struct {
	Incident int64
	Events   []EventRow
}

// EventStats counts events.
type EventStats struct {
	Events, Incidents int64
	// PerDay counts events per day and type, by day then type; events
	// with no known day (or only a month or year) are left out.
	PerDay  []DayCount
	PerType map[string]int64
}

// DayCount is how many events of a type happened on a day.
type DayCount struct {
	Day   string `json:"day"`
	Type  string `json:"type"`
	Count int64  `json:"count"`
}

// ActorCount is how often an actor acts and is targeted.
type ActorCount struct {
	Name     string  `json:"name"`
	KB       *string `json:"kb"`
	AsActor  int64   `json:"as_actor"`
	AsTarget int64   `json:"as_target"`
}

// ActorLink is how often an actor acts on a target with a type of event.
type ActorLink struct {
	Actor  string `json:"actor"`
	Target string `json:"target"`
	Type   string `json:"type"`
	Count  int64  `json:"count"`
}

// PlaceCount is how many events happened at a place.
type PlaceCount struct {
	Name      string   `json:"name"`
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
	Country   string   `json:"country"`
	Admin1    string   `json:"admin1"`
	Precision string   `json:"precision"`
	Events    int64    `json:"events"`
}

// DocumentSummary describes a stored document without its body.
type DocumentSummary struct {
	Num       int64
	ID        string
	Title     *string
	Outlet    *string
	Published *string
	URL       *string
	// StoryID is the id of the first document of its story (its own
	// id when it has none, or when that one was replaced).
	StoryID string
	Events  int
}

// NewEventItem builds the item of event v of d; incident is its incident.
func NewEventItem(d *document.Document, v document.Event, incident int64) EventItem {
	it := EventItem{
		Doc: d.ID, ID: v.ID, Type: v.Type, Mode: v.Mode, ACLED: v.ACLED,
		Date: v.Date, DatePrecision: v.DatePrecision, Modality: v.Modality,
		Actor: itemArgument(v.Actor), Target: itemArgument(v.Target),
		Participants: make([]ItemArgument, 0, len(v.Participants)),
		Fatalities:   v.Fatalities, Trigger: v.Trigger, Evidence: v.Evidence,
		Incident: incident, Title: d.Title, Outlet: d.Outlet, Published: d.Published,
	}
	for i := range v.Participants {
		it.Participants = append(it.Participants, *itemArgument(&v.Participants[i]))
	}
	if v.Place != nil {
		for _, p := range d.Places {
			if p.ID == *v.Place {
				it.Place = &ItemPlace{Name: p.Name, Lat: p.Lat, Lon: p.Lon, Country: p.Country, Admin1: p.Admin1, Precision: p.Precision}
				break
			}
		}
	}
	return it
}

func itemArgument(a *document.Argument) *ItemArgument {
	if a == nil {
		return nil
	}
	arg := &ItemArgument{Text: a.Text, Canonical: a.Canonical}
	if a.KB != "" {
		kb := a.KB
		arg.KB = &kb
	}
	return arg
}

// Name is how an argument is shown and counted: its canonical name, else
// its text.
func (a *ItemArgument) Name() string {
	if a.Canonical != "" {
		return a.Canonical
	}
	return a.Text
}

// Day is the day the event happened as far as its article says: its own
// date, else the article's publication day; empty when neither is known.
func (it EventItem) Day() string {
	if it.Date != nil {
		return *it.Date
	}
	if it.Published != nil {
		return *it.Published
	}
	return ""
}

// EventTerms returns the filter terms of an event, written as the search
// index's filter terms are: its types, the words of its arguments' names
// and of its place's names.
func EventTerms(an Analyzer, it EventItem) []string {
	seen := make(map[string]bool)
	var terms []string
	add := func(ts ...string) {
		for _, t := range ts {
			if !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
	}
	add(TypeTerms(it.Type)...)
	if it.ACLED != nil {
		add(TypeTerms(it.ACLED.EventType, it.ACLED.SubEventType)...)
	}
	args := it.Participants
	if it.Actor != nil {
		args = append([]ItemArgument{*it.Actor}, args...)
	}
	if it.Target != nil {
		args = append(args, *it.Target)
	}
	for _, a := range args {
		add(ActorTerms(an, a.Text)...)
		add(ActorTerms(an, a.Canonical)...)
	}
	if p := it.Place; p != nil {
		add(PlaceTerms(an, p.Name)...)
		add(PlaceTerms(an, p.Admin1)...)
		add(PlaceTerms(an, p.Country)...)
	}
	return terms
}
