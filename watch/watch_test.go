package watch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/sqlite"
)

// loadPipeline loads the pipeline and the analyzer once for all tests: it
// takes a while.
var loadPipeline = sync.OnceValues(func() (*pipeline.Pipeline, error) {
	return pipeline.New(pipeline.Options{Workers: 1})
})

func testPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	p, err := loadPipeline()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func openSQLite(t testing.TB, path string) store.Store {
	t.Helper()
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), path, store.Options{Analyzer: an})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// storedIDs collects what OnStored is told.
type storedIDs struct {
	mu  sync.Mutex
	ids []string
}

func (s *storedIDs) add(_ context.Context, ids []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ids = append(s.ids, ids...)
	return nil
}

func (s *storedIDs) list() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.ids...)
}

// article is a short Arabic report, its paragraphs numbered so that a
// truncated file shows.
func article(n int) string {
	var b strings.Builder
	b.WriteString("غارة جوية على مواقع قرب سرت\n")
	for i := range n {
		b.WriteString("قال مصدر عسكري إن طائرات مسيرة قصفت مواقع للمسلحين جنوب مدينة سرت صباح الأحد، ما أسفر عن مقتل ثلاثة مسلحين. ")
		b.WriteString("الفقرة رقم " + arabicDigits(i+1) + ".\n")
	}
	return b.String()
}

func arabicDigits(n int) string {
	digits := []rune("٠١٢٣٤٥٦٧٨٩")
	var out []rune
	for _, c := range strconv.Itoa(n) {
		out = append(out, digits[c-'0'])
	}
	return string(out)
}

// TestFolderSlowWrite writes an article file slowly, chunk by chunk, into
// a watched folder, beside a .part file that is renamed when complete:
// each is taken once, and whole.
func TestFolderSlowWrite(t *testing.T) {
	dir := t.TempDir()
	st := openSQLite(t, filepath.Join(t.TempDir(), "rasad.db"))
	var stored storedIDs
	w, err := New(Options{
		Store:    st,
		Pipeline: testPipeline(t),
		Sources:  []Source{{Name: "inbox", Outlet: "صندوق الوارد", Kind: KindFolder, Folder: dir, Interval: 150 * time.Millisecond}},
		Workers:  2,
		BatchAge: 50 * time.Millisecond,
		OnStored: stored.add,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()

	const paragraphs = 12
	text := article(paragraphs)
	lines := strings.SplitAfter(text, "\n")
	slow := filepath.Join(dir, "slow.txt")
	f, err := os.Create(slow)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if _, err := f.WriteString(l); err != nil {
			t.Fatal(err)
		}
		time.Sleep(60 * time.Millisecond) // less than the scan interval
	}
	f.Close()
	part := filepath.Join(dir, "renamed.txt.part")
	if err := os.WriteFile(part, []byte(article(3)), 0o644); err != nil {
		t.Fatal(err)
	}
	time.Sleep(400 * time.Millisecond)
	if err := os.Rename(part, filepath.Join(dir, "renamed.txt")); err != nil {
		t.Fatal(err)
	}

	deadline := time.Now().Add(20 * time.Second)
	for len(stored.list()) < 2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // a few more scans: nothing more may come
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	ids := stored.list()
	if len(ids) != 2 {
		t.Fatalf("stored %d documents (%v), want 2", len(ids), ids)
	}
	stats, err := st.Stats(t.Context())
	if err != nil || stats.Documents != 2 {
		t.Fatalf("store has %d documents (%v), want 2", stats.Documents, err)
	}
	for _, id := range ids {
		s, err := st.Get(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		d := s.Doc
		if d.Outlet == nil || *d.Outlet != "صندوق الوارد" {
			t.Errorf("outlet %v, want the source's", d.Outlet)
		}
		last := "الفقرة رقم " + arabicDigits(paragraphs)
		if strings.Contains(d.Source, "slow.txt") && !strings.Contains(d.Text, last) {
			t.Errorf("slow.txt stored before it was complete: its text lacks %q:\n%s", last, d.Text)
		}
	}
	qs, err := Status(t.Context(), st)
	if err != nil {
		t.Fatal(err)
	}
	if qs.States[store.StateStored] != 2 || len(qs.States) != 1 {
		t.Errorf("queue %v, want 2 stored", qs.States)
	}
}

// TestFolderOnce takes the files of a folder with --once, twice: the
// second run finds nothing new.
func TestFolderOnce(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(t.TempDir(), "rasad.db")
	jsonl := `{"id":"a1","url":"https://example.org/a1","title":"قصف على سرت","text":"` + strings.ReplaceAll(article(2), "\n", `\n`) + `"}` + "\n" +
		`{"id":"a2","text":""}` + "\n"
	for name, body := range map[string]string{
		"one.txt":          article(1),
		"two.jsonl":        jsonl,
		"notes.md":         "ليس مقالا",
		".hidden.txt":      article(4),
		"draft.txt.part":   article(5),
		"sub/three.html":   "<html><head><title>اشتباكات في طرابلس</title></head><body><article><p>" + strings.ReplaceAll(article(3), "\n", "</p><p>") + "</p></article></body></html>",
		"empty/nothing.md": "",
	} {
		path := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st := openSQLite(t, db)
	run := func() Counts {
		w, err := New(Options{
			Store: st, Pipeline: testPipeline(t), Once: true, Settle: 100 * time.Millisecond, Workers: 2,
			Sources: []Source{{Name: dir, Kind: KindFolder, Folder: dir, Interval: time.Second}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Run(t.Context()); err != nil {
			t.Fatal(err)
		}
		return w.Counts()
	}
	first := run()
	if first.Queued != 3 || first.Stored != 3 || first.Failed != 0 {
		t.Errorf("first run: %+v, want 3 files queued and 3 articles stored", first)
	}
	second := run()
	if second.Queued != 0 || second.Stored != 0 {
		t.Errorf("second run: %+v, want nothing new", second)
	}
	stats, _ := st.Stats(t.Context())
	if stats.Documents != 3 {
		t.Errorf("%d documents stored, want 3", stats.Documents)
	}
}

// TestLock: a second watch of the same SQLite file is refused, naming the
// process that holds it; once released, it may start.
func TestLock(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rasad.db")
	l, err := LockDatabase(db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = LockDatabase(db)
	host, _ := os.Hostname()
	if err == nil || !strings.Contains(err.Error(), "PID "+strconv.Itoa(os.Getpid())+" on host "+host) {
		t.Fatalf("second lock: %v, want an error naming PID %d on %s", err, os.Getpid(), host)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	l2, err := LockDatabase(db)
	if err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	l2.Unlock()
}

// lostCommitStore commits the first batch and then reports an error, as a
// connection lost after COMMIT (or a worker killed right after it) does.
type lostCommitStore struct {
	store.Store
	store.Queue
	lost atomic.Bool
}

func (s *lostCommitStore) PutBatch(ctx context.Context, docs []*document.Document) ([]store.Outcome, error) {
	outs, err := s.Store.PutBatch(ctx, docs)
	if err == nil && s.lost.CompareAndSwap(false, true) {
		return nil, errors.New("connection reset after COMMIT")
	}
	return outs, err
}

// TestStoredAfterLostCommit: when an attempt stored its article but never
// got to OnStored, the retry finds the article stored and still tells
// OnStored, so that an alert on it is not lost.
func TestStoredAfterLostCommit(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "one.txt"), []byte(article(1)), 0o644); err != nil {
		t.Fatal(err)
	}
	inner := openSQLite(t, filepath.Join(t.TempDir(), "rasad.db"))
	st := &lostCommitStore{Store: inner, Queue: inner.(store.Queue)}
	var told storedIDs
	w, err := New(Options{
		Store: st, Pipeline: testPipeline(t), Once: true, Settle: 50 * time.Millisecond,
		RetryBase: 10 * time.Millisecond, RetryMax: 20 * time.Millisecond, BatchAge: 10 * time.Millisecond,
		Sources:  []Source{{Name: dir, Kind: KindFolder, Folder: dir, Interval: time.Second}},
		OnStored: told.add,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	if c := w.Counts(); c.Retried != 1 || c.Unchanged != 1 || c.Failed != 0 {
		t.Errorf("counts %+v, want one retry finding the article stored", c)
	}
	stats, _ := inner.Stats(t.Context())
	if got := told.list(); stats.Documents != 1 || len(got) != 1 {
		t.Errorf("%d documents stored, OnStored told of %q; want the one article", stats.Documents, got)
	}
}
