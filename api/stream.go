package api

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// streamBatch bounds the events one poll sends.
const streamBatch = 500

// streamEvents sends, as Server-Sent Events, every event stored after the
// connection opened (or after Last-Event-ID), by whatever process stores
// it: the store is polled for events numbered above the last one sent.
func (s *server) streamEvents(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if len(r.URL.Query()) > 0 {
		return badRequest("the event stream takes no parameters (resume with the Last-Event-ID header)")
	}
	rc := http.NewResponseController(w)
	var last int64
	if id := strings.TrimSpace(r.Header.Get("Last-Event-ID")); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n < 0 {
			return badRequest("Last-Event-ID %q: want an event number", id)
		}
		last = n
	} else {
		var err error
		if last, err = s.events.LastEvent(ctx); err != nil {
			return err
		}
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	// A first comment tells the client the stream is open.
	if _, err := w.Write([]byte(": rasad events\nretry: 2000\n\n")); err != nil {
		return nil
	}
	if err := rc.Flush(); err != nil {
		return nil
	}
	poll := time.NewTicker(s.cfg.Poll)
	defer poll.Stop()
	beat := time.NewTicker(s.cfg.Heartbeat)
	defer beat.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-s.cfg.Shutdown:
			return nil
		case <-beat.C:
			if _, err := w.Write([]byte(": heartbeat\n\n")); err != nil {
				return nil
			}
		case <-poll.C:
			if _, err := s.current(ctx); err != nil {
				s.log.Warn("event stream: reading the store", "err", err)
				continue
			}
			rows, err := s.events.EventsAfter(ctx, last, streamBatch)
			if err != nil {
				s.log.Warn("event stream: reading the store", "err", err)
				continue
			}
			if len(rows) == 0 {
				continue
			}
			var b bytes.Buffer
			for _, row := range rows {
				b.WriteString("id: " + strconv.FormatInt(row.Num, 10) + "\nevent: event\ndata: ")
				b.Write(row.Item) // one line: stored JSON has no raw newlines
				b.WriteString("\n\n")
				last = row.Num
			}
			if _, err := w.Write(b.Bytes()); err != nil {
				return nil
			}
		}
		if err := rc.Flush(); err != nil {
			return nil
		}
	}
}
