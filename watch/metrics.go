package watch

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/rasad/rasad/store"
)

// Metrics are the watch's Prometheus metrics. They are registered on the
// registry given to NewMetrics, never on the global one.
type Metrics struct {
	fetched   *prometheus.CounterVec
	failed    *prometheus.CounterVec
	polls     *prometheus.CounterVec
	stored    *prometheus.CounterVec
	published prometheus.Histogram
	latency   prometheus.Histogram
	extract   *prometheus.HistogramVec
}

// NewMetrics creates the metrics on reg, and a gauge of the queue's
// items by state, read from st when scraped.
func NewMetrics(reg prometheus.Registerer, st store.Store) *Metrics {
	m := &Metrics{
		fetched: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rasad_watch_pages_fetched_total",
			Help: "Article pages and feeds fetched, by host.",
		}, []string{"host"}),
		failed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rasad_watch_pages_failed_total",
			Help: "Failed attempts to fetch or extract a page, by host and reason (retried ones included).",
		}, []string{"host", "reason"}),
		polls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rasad_watch_polls_total",
			Help: "Polls of sources, by result (new, unchanged, failed).",
		}, []string{"result"}),
		stored: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "rasad_watch_articles_stored_total",
			Help: "Articles written to the store, by outcome (added, updated, unchanged).",
		}, []string{"outcome"}),
		published: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "rasad_watch_publication_to_storage_seconds",
			Help:    "Time from an article's publication (as its feed dates it) to its storage.",
			Buckets: prometheus.ExponentialBuckets(30, 3, 10), // 30 s … 5.5 days
		}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "rasad_watch_discovery_to_storage_seconds",
			Help:    "Time from an item being queued to its being stored and searchable.",
			Buckets: prometheus.ExponentialBuckets(0.05, 2, 16), // 50 ms … 27 min
		}),
		extract: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "rasad_watch_extract_seconds",
			Help:    "Time to read and run the extract pipeline over one page or file, by stage (the pipeline reports them together as \"all\").",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 16),
		}, []string{"stage"}),
	}
	reg.MustRegister(m.fetched, m.failed, m.polls, m.stored, m.published, m.latency, m.extract)
	if q, ok := st.(store.Queue); ok {
		reg.MustRegister(queueCollector{q})
	}
	return m
}

// queueCollector reports the queue's depth by state when scraped.
type queueCollector struct{ q store.Queue }

var queueDesc = prometheus.NewDesc("rasad_watch_queue_items", "Items in the watch queue, by state.", []string{"state"}, nil)

func (c queueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- queueDesc }

func (c queueCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, err := c.q.QueueStatus(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(queueDesc, err)
		return
	}
	for _, s := range []string{store.StateDiscovered, store.StateFetched, store.StateStored, store.StateFailed} {
		ch <- prometheus.MustNewConstMetric(queueDesc, prometheus.GaugeValue, float64(st.States[s]), s)
	}
}
