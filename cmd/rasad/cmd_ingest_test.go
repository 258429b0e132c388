package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/export"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/sqlite"
	"github.com/rasad/rasad/store/storetest"
)

// writeCorpus writes n generated articles as a JSONL input file, with one
// unreadable record on line 5 and some records repeated later in the
// batch; it returns the ids and the number of repeats.
func writeCorpus(t *testing.T, path string, n int, seed uint64) (ids []string, repeats int) {
	t.Helper()
	var b bytes.Buffer
	for i, d := range storetest.Generate(n, seed) {
		rec := map[string]string{"id": d.ID, "outlet": *d.Outlet, "published": *d.Published, "text": d.Text}
		line, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
		ids = append(ids, d.ID)
		if i%50 == 7 {
			// The same record again later in the batch.
			b.Write(line)
			b.WriteByte('\n')
			repeats++
		}
		if i == 3 {
			b.WriteString("{\"id\": \"broken\", \"text\": \n")
		}
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return ids, repeats
}

func openSQLite(t *testing.T, path string) store.Store {
	t.Helper()
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(t.Context(), path, store.Options{Analyzer: an})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestIngestSearchExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "rasad.db")
	corpus := filepath.Join(dir, "corpus.jsonl")
	ids, repeats := writeCorpus(t, corpus, 60, 3)

	_, stderr, status := run(t, "", "ingest", "--db", db, corpus)
	if status != exitSkipped {
		t.Fatalf("ingest: status %d, want %d (one bad record); stderr:\n%s", status, exitSkipped, stderr)
	}
	if !strings.Contains(stderr, corpus+":5: ") {
		t.Errorf("ingest did not report the bad record as %s:5: …; stderr:\n%s", corpus, stderr)
	}
	if !strings.Contains(stderr, fmt.Sprintf("%d added, 0 updated, %d skipped as already stored, 1 failed", len(ids), repeats)) {
		t.Errorf("ingest summary wrong; stderr:\n%s", stderr)
	}

	// Again: everything is already stored.
	_, stderr, _ = run(t, "", "ingest", "--db", db, corpus)
	if !strings.Contains(stderr, fmt.Sprintf("0 added, 0 updated, %d skipped as already stored, 1 failed", len(ids)+repeats)) {
		t.Errorf("second ingest: stderr:\n%s", stderr)
	}

	// RASAD_DB names the database when --db does not.
	var out, errs bytes.Buffer
	g := &globals{stdin: strings.NewReader(""), stdout: &out, stderr: &errs, getenv: func(k string) string {
		if k == "RASAD_DB" {
			return db
		}
		return ""
	}}
	if err := runSearch(t.Context(), searchOptions{Format: "json", Limit: 5}, g, "والقوات"); err != nil {
		t.Fatalf("search: %v\n%s", err, errs.String())
	}
	var res struct {
		Total int
		Hits  []struct {
			ID      string
			Snippet string
			Marks   [][2]int
		}
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("search --format json: %v\n%s", err, out.String())
	}
	if res.Total == 0 || len(res.Hits) != min(5, res.Total) {
		t.Fatalf("search: total %d, %d hits", res.Total, len(res.Hits))
	}
	for _, h := range res.Hits {
		if len(h.Marks) == 0 {
			t.Errorf("hit %s has no marks: %q", h.ID, h.Snippet)
		}
		for _, m := range h.Marks {
			if got := h.Snippet[m[0]:m[1]]; arabic.Normalize(got) != "القوات" && !strings.Contains(got, "قوات") {
				t.Errorf("hit %s marks %q, want a form of القوات", h.ID, got)
			}
		}
	}

	stdout, stderr, status := run(t, "", "search", "--db", db, "--outlet", "الجزيرة", "--from", "2021-06-01", "--limit", "3")
	if status != exitOK || strings.Count(stdout, "الجزيرة") != strings.Count(stdout, "\n\n") || stdout == "" {
		t.Errorf("search by outlet: status %d\n%s\n%s", status, stdout, stderr)
	}
	if _, _, status := run(t, "", "search", "--db", db); status != exitUsage {
		t.Errorf("search without query or filter: status %d, want %d", status, exitUsage)
	}
	if _, _, status := run(t, "", "search", "--db", db, "--near", "32,13"); status != exitUsage {
		t.Errorf("search --near 32,13: status %d, want %d", status, exitUsage)
	}
	if _, _, status := run(t, "", "search", "--db", db, `"قوات الأمن`); status != exitUsage {
		t.Errorf("search with an unclosed quote: status %d, want %d", status, exitUsage)
	}

	stdout, stderr, status = run(t, "", "export", "--db", db, "--format", "jsonl", "--outlet", "عربي21")
	if status != exitOK {
		t.Fatalf("export jsonl: status %d: %s", status, stderr)
	}
	docs := decodeDocuments(t, stdout)
	if len(docs) == 0 {
		t.Fatal("export jsonl --outlet عربي21 wrote nothing")
	}
	for _, d := range docs {
		if d.Outlet == nil || *d.Outlet != "عربي21" {
			t.Errorf("export --outlet عربي21 wrote %s from %v", d.ID, d.Outlet)
		}
	}
	for _, f := range []string{"csv", "acled"} {
		stdout, stderr, status = run(t, "", "export", "--db", db, "--format", f)
		if status != exitOK {
			t.Fatalf("export %s: status %d: %s", f, status, stderr)
		}
		rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
		if err != nil || len(rows) == 0 {
			t.Fatalf("export %s: not CSV: %v", f, err)
		}
		if f == "acled" && strings.Join(rows[0], ",") != strings.Join(export.ACLEDColumns, ",") {
			t.Errorf("export acled header = %v", rows[0])
		}
	}
	stdout, _, status = run(t, "", "export", "--db", db, "--format", "geojson")
	var fc struct {
		Type     string
		Features []any
	}
	if status != exitOK || json.Unmarshal([]byte(stdout), &fc) != nil || fc.Type != "FeatureCollection" {
		t.Errorf("export geojson: status %d, output %.200s", status, stdout)
	}
	if _, _, status := run(t, "", "export", "--db", db, "--format", "xml"); status != exitUsage {
		t.Errorf("export --format xml: status %d, want %d", status, exitUsage)
	}
}

// TestIngestKilled kills `rasad ingest` with SIGKILL at random moments,
// checks after each kill that the database is consistent and has lost
// nothing it had, then lets an ingest finish and checks that every
// article is stored exactly once.
func TestIngestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds rasad and runs it several times")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "rasad")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building rasad: %v\n%s", err, out)
	}
	corpus := filepath.Join(dir, "corpus.jsonl")
	ids, _ := writeCorpus(t, corpus, 1500, 11)
	db := filepath.Join(dir, "rasad.db")

	seed := uint64(time.Now().UnixNano())
	t.Logf("kill delays from seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 1))
	ctx := t.Context()
	stored := int64(0)
	for round := range 5 {
		// Kill when the ingest reports having passed a random
		// article, plus a random fraction of an article's time, so
		// that kills land anywhere in a transaction: a random article
		// among the next 250 past those already stored, so that each kill
		// interrupts writing; batches are small and of random size so
		// that commits are frequent and fall anywhere.
		target := int(stored) + 1 + r.IntN(max(1, min(250, len(ids)-int(stored)-1)))
		extra := time.Duration(r.IntN(5000)) * time.Microsecond
		batch := fmt.Sprint(1 + r.IntN(40))
		cmd := exec.Command(bin, "ingest", "--db", db, "--workers", "2", "--batch", batch, "--progress-every", "20ms", corpus)
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stderr)
		killed, read := false, false
		for sc.Scan() {
			var done int
			if _, err := fmt.Sscanf(sc.Text(), "ingest: %d/", &done); err != nil {
				continue
			}
			if !read && done >= target/2 {
				// Readers work while the ingest writes.
				read = true
				for _, args := range [][]string{{"search", "--db", db, "القوات"}, {"export", "--db", db, "--format", "csv"}} {
					if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
						t.Errorf("rasad %s during ingest: %v\n%.300s", args[0], err, out)
					}
				}
			}
			if done >= target {
				time.Sleep(extra)
				cmd.Process.Kill() // SIGKILL: no chance to clean up
				killed = true
				break
			}
		}
		go io.Copy(io.Discard, stderr)
		err = cmd.Wait()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatal(err)
		}
		if !killed {
			t.Logf("round %d: ingest ended before article %d", round, target)
		}
		delay := fmt.Sprintf("article %d + %v (batches of %s)", target, extra, batch)
		st := openSQLite(t, db)
		if err := st.Check(ctx); err != nil {
			t.Fatalf("round %d, killed after %s: %v", round, delay, err)
		}
		stats, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if stats.Documents < stored {
			t.Fatalf("round %d: %d documents after the kill, %d before: some were lost", round, stats.Documents, stored)
		}
		stored = stats.Documents
		t.Logf("round %d: killed after %s with %d documents stored", round, delay, stored)
		st.Close()
	}

	cmd := exec.CommandContext(ctx, bin, "ingest", "--db", db, corpus)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("final ingest took %v", time.Since(start))
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitSkipped {
		t.Fatalf("final ingest: %v (want exit status %d for the bad record)\n%s", err, exitSkipped, out)
	}
	st := openSQLite(t, db)
	if err := st.Check(ctx); err != nil {
		t.Fatal(err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != int64(len(ids)) {
		t.Errorf("%d documents stored, want %d", stats.Documents, len(ids))
	}
	for _, id := range ids {
		if _, err := st.Get(context.Background(), id); err != nil {
			t.Errorf("article %s: %v", id, err)
		}
	}
}
