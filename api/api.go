package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/rasad/rasad/export"
	"github.com/rasad/rasad/kb"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
)

// Config is what the API serves and how.
type Config struct {
	// Store is the database; it must also be a store.EventLister, as
	// both of rasad's backends are.
	Store store.Store
	// Analyzer is the analyser Store indexes with.
	Analyzer store.Analyzer
	// Pipeline processes POSTed articles; nil refuses them (as does an
	// empty Token).
	Pipeline *pipeline.Pipeline
	// Exporter writes /api/v1/export; nil builds the default one.
	Exporter *export.Exporter
	// Places resolves place filters naming a country or a first-level
	// division (search.Places); nil reads the embedded place index.
	Places *search.Places
	// Token is what writes must present as "Authorization: Bearer …".
	// Empty: the server is read-only.
	Token string
	// Logger receives one line per request; nil discards them.
	Logger *slog.Logger
	// Web serves everything outside /api/, /healthz and /metrics (the
	// dashboard); nil serves a page saying it is not built in.
	Web http.Handler

	// MaxBody bounds a request body (default 10 MiB).
	MaxBody int64
	// Timeout bounds the handling of a request (default 15 s); exports
	// get ExportTimeout (default 5 min) and the event stream none.
	Timeout, ExportTimeout time.Duration
	// Poll is how often the event stream looks for new events (default
	// 1 s); Heartbeat how often it sends a comment to keep idle
	// connections open (default 15 s).
	Poll, Heartbeat time.Duration
	// Shutdown, when closed, ends the event streams, which otherwise
	// last as long as their clients, so that a server can shut down
	// gracefully.
	Shutdown <-chan struct{}
}

// Defaults of Config.
const (
	DefaultMaxBody       = 10 << 20
	DefaultTimeout       = 15 * time.Second
	DefaultExportTimeout = 5 * time.Minute
	DefaultPoll          = time.Second
	DefaultHeartbeat     = 15 * time.Second
)

// server holds what the handlers share.
type server struct {
	cfg    Config
	st     store.Store
	events store.EventLister
	srch   *search.Searcher
	ex     *export.Exporter
	log    *slog.Logger

	// version is the store's EventsVersion once the event rows were
	// last synced with it; counts and aggregates are cached under it.
	mu          sync.Mutex
	version     string
	versionRead time.Time
	syncing     sync.Mutex
	cache       *cache
	// buffers hold responses being built, reused across requests.
	buffers sync.Pool
}

// New returns the API's handler.
func New(cfg Config) (http.Handler, error) {
	if cfg.Store == nil || cfg.Analyzer == nil {
		return nil, errors.New("api: Config.Store and Config.Analyzer are required")
	}
	lister, ok := cfg.Store.(store.EventLister)
	if !ok {
		return nil, fmt.Errorf("api: the store (%T) cannot list events", cfg.Store)
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.ExportTimeout <= 0 {
		cfg.ExportTimeout = DefaultExportTimeout
	}
	if cfg.Poll <= 0 {
		cfg.Poll = DefaultPoll
	}
	if cfg.Heartbeat <= 0 {
		cfg.Heartbeat = DefaultHeartbeat
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Web == nil {
		cfg.Web = placeholderWeb()
	}
	ex := cfg.Exporter
	if ex == nil {
		var err error
		if ex, err = export.New(); err != nil {
			return nil, err
		}
	}
	if cfg.Places == nil {
		ix, err := kb.Load()
		if err != nil {
			return nil, err
		}
		cfg.Places = search.NewPlaces(ix)
	}
	s := &server{
		cfg: cfg, st: cfg.Store, events: lister, srch: search.New(cfg.Store, cfg.Analyzer).WithPlaces(cfg.Places),
		ex: ex, log: cfg.Logger, cache: newCache(cacheEntries),
	}
	return s.routes(), nil
}

// Sync brings the store's event rows up to date with its documents, as
// the API does by itself (a second at most behind); a server calls it
// before listening, since the first sync of a large database written by
// an older rasad decodes every document once.
func Sync(ctx context.Context, st store.Store) (added, removed int, err error) {
	lister, ok := st.(store.EventLister)
	if !ok {
		return 0, 0, fmt.Errorf("api: the store (%T) cannot list events", st)
	}
	return lister.SyncEvents(ctx)
}

// versionTTL is how long the store's version is trusted before it is
// asked again: new events show up at most this late.
const versionTTL = 500 * time.Millisecond

// current returns the version of the event rows, syncing them first when
// the documents changed. One request syncs at a time; others meanwhile
// read the rows as they are.
func (s *server) current(ctx context.Context) (string, error) {
	s.mu.Lock()
	v, fresh := s.version, time.Since(s.versionRead) < versionTTL
	s.mu.Unlock()
	if fresh {
		return v, nil
	}
	now, err := s.events.EventsVersion(ctx)
	if err != nil {
		return "", err
	}
	if now != v && s.syncing.TryLock() {
		defer s.syncing.Unlock()
		added, removed, err := s.events.SyncEvents(ctx)
		if err != nil {
			return "", fmt.Errorf("syncing the event rows: %w", err)
		}
		if added+removed > 0 {
			s.log.Debug("event rows synced", "added", added, "removed", removed)
		}
		if now, err = s.events.EventsVersion(ctx); err != nil {
			return "", err
		}
	} else if now != v {
		return v, nil // another request is syncing
	}
	s.mu.Lock()
	s.version, s.versionRead = now, time.Now()
	s.mu.Unlock()
	return now, nil
}

// forget makes the next request look at the store again (after a POST).
func (s *server) forget() {
	s.mu.Lock()
	s.versionRead = time.Time{}
	s.mu.Unlock()
}

// writeJSON sends v as JSON. HTML is not escaped: article text comes
// back as it is stored, and is only ever served as application/json.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":{"kind":"internal","message":"internal error"}}` + "\n")
	}
	writeBytes(w, status, buf.Bytes())
}

func writeBytes(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}

// envelope is the body of every error response.
type envelope struct {
	Error struct {
		Kind    string `json:"kind"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, e *apiError) {
	var env envelope
	env.Error.Kind, env.Error.Message = e.kind, e.message
	writeJSON(w, e.status, env)
}

// placeholderWeb stands in for the dashboard when none is built in.
func placeholderWeb() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "rasad: the dashboard is not built into this binary; the API is at /api/v1/ (see /api/v1/openapi.yaml)\n")
	})
}
