package ingest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/read"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/sqlite"
	"github.com/rasad/rasad/store/storetest"
)

// newPipeline returns a pipeline that stops after the text layer: what
// is tested here is storing, not tagging.
func newPipeline(t *testing.T) *pipeline.Pipeline {
	t.Helper()
	p, err := pipeline.New(pipeline.Options{Workers: 2, Until: "text"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// articles yields n generated articles as read.Articles would, with a
// record it could not read after the third.
func articles(n int) iter.Seq2[*read.Article, error] {
	return func(yield func(*read.Article, error) bool) {
		for i, d := range storetest.Generate(n, 7) {
			a := &read.Article{Path: "in.jsonl", Line: i + 1, ID: d.ID, Outlet: *d.Outlet, Published: *d.Published, Text: d.Text}
			if !yield(a, nil) {
				return
			}
			if i == 2 {
				if !yield(nil, &read.Error{Path: "in.jsonl", Line: 1000, Reason: "invalid JSON"}) {
					return
				}
			}
		}
	}
}

func TestRunStoresEverythingOnceAndReportsProgress(t *testing.T) {
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "rasad.db"), store.Options{Analyzer: an})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := newPipeline(t)
	const n = 40

	var reports []Progress
	in := New(st, p, Options{Batch: 16, Progress: func(pr Progress) { reports = append(reports, pr) }})
	sum, err := in.Run(t.Context(), articles(n))
	if err != nil {
		t.Fatal(err)
	}
	if want := (Counts{Added: n, Failed: 1}); sum.Counts != want {
		t.Errorf("first run: %+v, want %+v", sum.Counts, want)
	}
	var skipped []string
	var lastDone int64
	for _, r := range reports {
		if r.Done() < lastDone {
			t.Errorf("progress went back from %d to %d", lastDone, r.Done())
		}
		lastDone = r.Done()
		if r.Skipped != nil {
			skipped = append(skipped, r.Skipped.Error())
		}
	}
	if lastDone != n+1 {
		t.Errorf("last progress report at %d records, want %d", lastDone, n+1)
	}
	if len(skipped) != 1 || skipped[0] != "in.jsonl:1000: invalid JSON" {
		t.Errorf("skipped records reported: %q", skipped)
	}
	stats, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != n {
		t.Errorf("%d documents stored, want %d", stats.Documents, n)
	}

	// Again: nothing new.
	sum, err = New(st, p, Options{}).Run(t.Context(), articles(n))
	if err != nil {
		t.Fatal(err)
	}
	if want := (Counts{Unchanged: n, Failed: 1}); sum.Counts != want {
		t.Errorf("second run: %+v, want %+v", sum.Counts, want)
	}
}

// recorder is a store that keeps the batches it is given, and fails the
// one holding the document failOn.
type recorder struct {
	store.Store
	mu      sync.Mutex
	batches [][]string
	failOn  string
}

func (r *recorder) PutBatch(_ context.Context, docs []*document.Document) ([]store.Outcome, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ids []string
	for _, d := range docs {
		if d.ID == r.failOn {
			return nil, errors.New("disk full")
		}
		ids = append(ids, d.ID)
	}
	r.batches = append(r.batches, ids)
	outs := make([]store.Outcome, len(docs))
	for i := range outs {
		outs[i] = store.Added
	}
	return outs, nil
}

func TestRunBatchesInInputOrder(t *testing.T) {
	p := newPipeline(t)
	for _, batch := range []int{1, 7, 100} {
		t.Run(fmt.Sprint(batch), func(t *testing.T) {
			rec := &recorder{}
			sum, err := New(rec, p, Options{Batch: batch}).Run(t.Context(), articles(30))
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, b := range rec.batches {
				if len(b) > batch {
					t.Errorf("a batch of %d documents, more than %d", len(b), batch)
				}
				ids = append(ids, b...)
			}
			for i, id := range ids {
				if want := fmt.Sprintf("gen-7-%d", i+1); id != want {
					t.Fatalf("document %d stored is %s, want %s (input order)", i, id, want)
				}
			}
			if len(ids) != 30 || sum.Added != 30 || sum.Failed != 1 {
				t.Errorf("%d stored, summary %+v", len(ids), sum.Counts)
			}
		})
	}
}

func TestRunStopsWhenStoringFails(t *testing.T) {
	rec := &recorder{failOn: "gen-7-12"}
	sum, err := New(rec, newPipeline(t), Options{Batch: 5}).Run(t.Context(), articles(200))
	if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), "in.jsonl:11") {
		t.Fatalf("error %v, want the store's, naming the batch's records", err)
	}
	if sum.Added != 10 {
		t.Errorf("%d added, want the two batches before the failing one (10)", sum.Added)
	}
	if sum.Done() > 100 {
		t.Errorf("%d records dealt with after the store failed at the 12th", sum.Done())
	}
}

func TestSummaryRates(t *testing.T) {
	rec := &recorder{}
	sum, err := New(rec, newPipeline(t), Options{Batch: 100}).Run(t.Context(), articles(2*RateWindow+10))
	if err != nil {
		t.Fatal(err)
	}
	if sum.FirstRate <= 0 || sum.LastRate <= 0 || sum.Rate() <= 0 {
		t.Errorf("rates first %.1f last %.1f overall %.1f, want all positive", sum.FirstRate, sum.LastRate, sum.Rate())
	}
}

// BenchmarkRunSQLite ingests generated articles into a new SQLite file:
// the text layer and the store, which is what ingest adds to extract.
func BenchmarkRunSQLite(b *testing.B) {
	an, err := arabic.NewAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Options{Workers: 2, Until: "text"})
	if err != nil {
		b.Fatal(err)
	}
	const n = 2000
	for i := 0; b.Loop(); i++ {
		st, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), fmt.Sprintf("rasad-%d.db", i)), store.Options{Analyzer: an})
		if err != nil {
			b.Fatal(err)
		}
		sum, err := New(st, p, Options{}).Run(b.Context(), articles(n))
		st.Close()
		if err != nil {
			b.Fatal(err)
		}
		if sum.Added != n || sum.Failed != 1 {
			b.Fatalf("summary %+v, want %d added and 1 failed", sum.Counts, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
}
