package alert

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/rasad/rasad/store"
)

// Message is what a sink receives for one match, as one JSON line.
type Message struct {
	Alert     string          `json:"alert"`
	MatchedAt string          `json:"matched_at"` // RFC 3339, UTC
	Document  MessageDocument `json:"document"`
	// Event is the matching event as the HTTP API lists it; absent when
	// the alert fires on articles.
	Event *store.EventItem `json:"event,omitempty"`
	// Snippet, when the alert fires on articles, is a stretch of the
	// article's text around the words found, as search shows it.
	Snippet string `json:"snippet,omitempty"`
}

// MessageDocument names the matching article.
type MessageDocument struct {
	ID        string  `json:"id"`
	Title     *string `json:"title"`
	URL       *string `json:"url"`
	Outlet    *string `json:"outlet"`
	Published *string `json:"published"`
}

// NewMessage describes event ord of st (or the article itself when ord is
// negative) for alert name.
func NewMessage(name string, st *store.Stored, ord int, at time.Time) Message {
	d := st.Doc
	m := Message{
		Alert:     name,
		MatchedAt: at.UTC().Format(time.RFC3339),
		Document:  MessageDocument{ID: d.ID, Title: d.Title, URL: d.URL, Outlet: d.Outlet, Published: d.Published},
	}
	if ord < 0 || ord >= len(d.Events) {
		return m
	}
	var incident int64
	if ord < len(st.Incidents) {
		incident = st.Incidents[ord]
	}
	item := store.NewEventItem(d, d.Events[ord], incident)
	m.Event = &item
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
