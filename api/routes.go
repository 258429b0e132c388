package api

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// contentSecurityPolicy allows the dashboard its own scripts, styles and
// data only: no inline script, no other origin, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// handlerFunc is a handler that returns its error for the envelope.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// route is a path and its handlers by method.
type route struct {
	pattern string
	methods map[string]handlerFunc
	// timeout bounds the request; 0: none (the event stream).
	timeout time.Duration
}

// routeTable lists the API's routes.
func (s *server) routeTable() []route {
	return []route{
		{"/api/v1/documents", map[string]handlerFunc{"GET": s.listDocuments, "POST": s.postDocuments}, s.cfg.Timeout},
		{"/api/v1/documents/{id}", map[string]handlerFunc{"GET": s.getDocument}, s.cfg.Timeout},
		{"/api/v1/events", map[string]handlerFunc{"GET": s.listEvents}, s.cfg.Timeout},
		{"/api/v1/events/stream", map[string]handlerFunc{"GET": s.streamEvents}, 0},
		{"/api/v1/incidents", map[string]handlerFunc{"GET": s.listIncidents}, s.cfg.Timeout},
		{"/api/v1/stats", map[string]handlerFunc{"GET": s.stats}, s.cfg.Timeout},
		{"/api/v1/actors", map[string]handlerFunc{"GET": s.actors}, s.cfg.Timeout},
		{"/api/v1/actors/links", map[string]handlerFunc{"GET": s.actorLinks}, s.cfg.Timeout},
		{"/api/v1/places", map[string]handlerFunc{"GET": s.places}, s.cfg.Timeout},
		{"/api/v1/export", map[string]handlerFunc{"GET": s.export}, s.cfg.ExportTimeout},
		{"/api/v1/openapi.yaml", map[string]handlerFunc{"GET": serveOpenAPI}, s.cfg.Timeout},
		{"/healthz", map[string]handlerFunc{"GET": s.healthz}, s.cfg.Timeout},
		{"/api/", map[string]handlerFunc{}, s.cfg.Timeout}, // anything else under /api: 404
	}
}

func (s *server) routes() http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := newMetrics(reg)

	mux := http.NewServeMux()
	for _, rt := range s.routeTable() {
		mux.Handle(rt.pattern, s.handle(rt))
	}
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
	mux.Handle("/", s.cfg.Web)
	return s.observe(m, secure(mux))
}

// handle runs a route's handler for the request's method, with its
// timeout, body limit and error envelope.
func (s *server) handle(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		method := r.Method
		if method == http.MethodHead {
			method = http.MethodGet
		}
		h, ok := rt.methods[method]
		if !ok {
			if len(rt.methods) == 0 {
				writeError(w, &apiError{http.StatusNotFound, kindNotFound, "no such endpoint: " + r.URL.Path})
				return
			}
			var allowed []string
			for m := range rt.methods {
				allowed = append(allowed, m)
			}
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			writeError(w, &apiError{http.StatusMethodNotAllowed, kindMethod, r.Method + " is not allowed on " + rt.pattern})
			return
		}
		if rt.timeout > 0 {
			ctx, cancel := context.WithTimeout(r.Context(), rt.timeout)
			defer cancel()
			r = r.WithContext(ctx)
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
		if err := h(w, r); err != nil {
			e := classify(err)
			if e.kind == kindInternal || e.kind == kindTimeout {
				s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
			}
			if sw, ok := w.(*statusWriter); ok && sw.wrote {
				return // too late for an envelope: the body has begun
			}
			writeError(w, e)
		}
	})
}

// secure adds the security headers to every response.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// metrics are the request counters and latencies /metrics shows.
type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rasad_http_requests_total",
			Help: "HTTP requests by route, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "rasad_http_request_duration_seconds",
			Help:    "Time to handle HTTP requests, by route.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
	}
	reg.MustRegister(m.requests, m.latency)
	return m
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	size   int64
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	n, err := w.ResponseWriter.Write(b)
	w.size += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach Flush and deadlines.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush passes flushes through, for the event stream.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// observe logs each request and counts it in the metrics, labelled by
// the route's pattern, not its path, so that ids do not make new series.
func (s *server) observe(m *metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("handler panicked", "path", r.URL.Path, "panic", p)
				if !sw.wrote {
					writeError(sw, &apiError{http.StatusInternalServerError, kindInternal, "internal error"})
				}
			}
			elapsed := time.Since(start)
			route := r.Pattern
			if route == "" {
				route = "other"
			}
			m.requests.WithLabelValues(route, r.Method, strconv.Itoa(sw.status)).Inc()
			m.latency.WithLabelValues(route).Observe(elapsed.Seconds())
			s.log.LogAttrs(r.Context(), levelOf(sw.status), "request",
				slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", sw.status),
				slog.Int64("bytes", sw.size), slog.Duration("duration", elapsed), slog.String("route", route))
		}()
		next.ServeHTTP(sw, r)
	})
}

func levelOf(status int) slog.Level {
	if status >= 500 {
		return slog.LevelError
	}
	return slog.LevelInfo
}
