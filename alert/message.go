package alert

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/search"
)

// Message is what a sink receives for one match, as one JSON line.
type Message struct {
	Alert     string          `json:"alert"`
	MatchedAt string          `json:"matched_at"` // RFC 3339, UTC
	Document  MessageDocument `json:"document"`
	// Event is the matching event; absent when the alert fires on
	// articles.
	Event *EventItem `json:"event,omitempty"`
}

// MessageDocument names the matching article.
type MessageDocument struct {
	ID        string  `json:"id"`
	Title     *string `json:"title"`
	URL       *string `json:"url"`
	Outlet    *string `json:"outlet"`
	Published *string `json:"published"`
}

// EventItem is an event as a reader of an alert wants it: what happened,
// who did it to whom, where and when, and the words that say so.
type EventItem struct {
	ID    string          `json:"id"` // the event's id in the document
	Type  string          `json:"type"`
	Mode  string          `json:"mode"`
	ACLED *document.ACLED `json:"acled"`
	// Date is the event's day: its own date, else the article's.
	Date       *string    `json:"date"`
	Actor      *string    `json:"actor"`  // canonical name
	Target     *string    `json:"target"` // canonical name
	Place      *EventSite `json:"place"`
	Fatalities *int       `json:"fatalities"`
	Modality   string     `json:"modality"`
	// Evidence is the text that states the event.
	Evidence string `json:"evidence"`
}

// EventSite is where an event happened.
type EventSite struct {
	Name    string   `json:"name"`
	Country string   `json:"country"`
	Admin1  string   `json:"admin1"`
	Lat     *float64 `json:"lat"`
	Lon     *float64 `json:"lon"`
}

// NewMessage describes event ord of d (or the article itself when ord is
// negative) for alert name.
func NewMessage(name string, d *document.Document, ord int, at time.Time) Message {
	m := Message{
		Alert:     name,
		MatchedAt: at.UTC().Format(time.RFC3339),
		Document:  MessageDocument{ID: d.ID, Title: d.Title, URL: d.URL, Outlet: d.Outlet, Published: d.Published},
	}
	if ord < 0 || ord >= len(d.Events) {
		return m
	}
	v := d.Events[ord]
	item := &EventItem{
		ID: v.ID, Type: v.Type, Mode: v.Mode, ACLED: v.ACLED,
		Fatalities: v.Fatalities, Modality: v.Modality, Evidence: v.Evidence.Text,
	}
	if day := search.EventDay(d, v); day != "" {
		item.Date = &day
	}
	if v.Actor != nil {
		item.Actor = &v.Actor.Canonical
	}
	if v.Target != nil {
		item.Target = &v.Target.Canonical
	}
	if p := search.EventPlace(d, v); p != nil {
		item.Place = &EventSite{Name: p.Name, Country: p.Country, Admin1: p.Admin1, Lat: p.Lat, Lon: p.Lon}
	}
	m.Event = item
	return m
}

// Line encodes m as one line of JSON, without its newline; Arabic and
// <, >, & are written as they are.
func (m Message) Line() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
