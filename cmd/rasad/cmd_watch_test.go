package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/fetch"
	"github.com/rasad/rasad/internal/outlettest"
	"github.com/rasad/rasad/internal/pgtest"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/postgres"
	"github.com/rasad/rasad/watch"
)

// TestWatchUsage checks the mistakes a user can make on the command line.
func TestWatchUsage(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "sources.yaml")
	if err := os.WriteFile(bad, []byte("sources:\n  - name: a\n    url: http://127.0.0.1:1/rss.xml\n    every: 10m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "watch needs a SOURCE"},
		{[]string{"--sources", bad}, bad + `:4: unknown key "every"`},
		{[]string{"--workers", "0", dir}, "--workers 0"},
		{[]string{"--log-format", "xml", dir}, `--log-format "xml"`},
		{[]string{"--status", dir}, "--status takes no sources"},
		{[]string{"ftp://example.org/feed"}, "want an http:// or https:// URL"},
		{[]string{"--status", "--db", filepath.Join(dir, "typo.db")}, "no database " + filepath.Join(dir, "typo.db")},
	} {
		var stdout, stderr bytes.Buffer
		g := &globals{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
		root := newRootCommand(g)
		root.SetArgs(append([]string{"watch", "--db", filepath.Join(dir, "rasad.db")}, tc.args...))
		status := exitStatus(&stderr, root.ExecuteContext(t.Context()))
		if status != exitUsage || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("watch %q: status %d, stderr %q; want %d and %q", tc.args, status, stderr.String(), exitUsage, tc.want)
		}
	}
}

// TestWatchSQLiteLocked: a second watch of one SQLite file is refused with
// the PID of the first.
func TestWatchSQLiteLocked(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "rasad.db")
	lock, err := watch.LockDatabase(db)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	var stderr bytes.Buffer
	g := &globals{stdout: &bytes.Buffer{}, stderr: &stderr, getenv: func(string) string { return "" }}
	err = runWatch(t.Context(), watchOptions{DB: db, Format: "table", Workers: 1, Batch: 1, MaxAttempts: 1, Lease: time.Second,
		RetryBase: time.Second, RetryMax: time.Second, Timeout: time.Second, Settle: time.Second, LogFormat: "text", LogLevel: "info", MaxBytes: "1MB"},
		g, []string{dir})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("PID %d", os.Getpid())) {
		t.Fatalf("second watch: %v, want an error naming PID %d", err, os.Getpid())
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("the refused watch touched the database: %v", err)
	}
}

// TestWatchWorkersKilled is the test of the issue: a PostgreSQL server,
// the test outlets (feeds, sitemaps, robots.txt, slow pages, 5xx, a
// redirect loop, Windows-1256, a broken feed), three `rasad watch --once`
// processes, one killed with SIGKILL half-way: every article is stored
// exactly once, every failure is recorded with its reason, and no
// disallowed page was requested.
func TestWatchWorkersKilled(t *testing.T) {
	pg := pgtest.Start(t)
	dbURL := pg.NewDatabase(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "rasad")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("building rasad: %v\n%s", err, out)
	}
	srv, err := outlettest.New(outlettest.Options{SlowAll: true, SlowDelay: 700 * time.Millisecond, FlakyFailures: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	// Every page is linked from three feeds of its outlet.
	var yaml strings.Builder
	yaml.WriteString("sources:\n")
	for _, o := range srv.Outlets() {
		for _, kind := range []string{"rss", "atom", "sitemap"} {
			fmt.Fprintf(&yaml, "  - name: %s-%s\n    country: LY\n    url: %s\n    interval: 1m\n", o.Name, kind, o.Feeds[kind])
		}
	}
	fmt.Fprintf(&yaml, "  - name: broken\n    url: %s\n", srv.BrokenFeedURL())
	sources := filepath.Join(dir, "sources.yaml")
	if err := os.WriteFile(sources, []byte(yaml.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"watch", "--once", "--db", dbURL, "--sources", sources, "--workers", "2",
		"--lease", "3s", "--retry-base", "100ms", "--retry-max", "300ms", "--max-attempts", "3",
		"--delay", "10ms", "--timeout", "5s", "--batch", "4", "--log-format", "json",
		"--user-agent-contact", "mailto:e2e@example.org"}
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	// The schema is made before the workers start, as an operator would
	// with a first run.
	st, err := postgres.Open(t.Context(), dbURL, store.Options{Analyzer: an})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Second)
	defer cancel()
	var procs []*exec.Cmd
	var logs []*bytes.Buffer
	for range 3 {
		cmd := exec.CommandContext(ctx, bin, args...)
		var log bytes.Buffer
		cmd.Stdout, cmd.Stderr = &log, &log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs, logs = append(procs, cmd), append(logs, &log)
	}
	// Half-way: once a few articles are stored, kill the first worker
	// in the middle of its work.
	for {
		stats, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if stats.Documents >= 4 {
			break
		}
		if ctx.Err() != nil {
			t.Fatal("no article stored in time")
		}
		time.Sleep(20 * time.Millisecond)
	}
	started := time.Now()
	if err := procs[0].Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	procs[0].Wait()
	left, _, _ := st.Pending(t.Context())
	t.Logf("killed worker 0; %d items still to do", left)
	for i, p := range procs[1:] {
		// Exit status 1 says some items failed for good in this run,
		// which the outlets' broken pages make happen.
		var exit *exec.ExitError
		if err := p.Wait(); err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
			t.Fatalf("worker %d: %v\n%s", i+1, err, logs[i+1])
		}
	}

	t.Logf("the others finished %v after the kill", time.Since(started).Round(time.Millisecond))
	var storable, failing int
	for _, p := range srv.Pages() {
		if outlettest.Fetched(p.Kind) {
			storable++
		} else {
			failing++
		}
	}
	stats, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != int64(storable) {
		t.Errorf("%d documents stored, want %d", stats.Documents, storable)
	}
	if err := st.Check(t.Context()); err != nil {
		t.Error(err)
	}

	// --status, as a user reads it.
	out, err := exec.Command(bin, "watch", "--status", "--format", "json", "--db", dbURL).Output()
	if err != nil {
		t.Fatal(err)
	}
	var qs store.QueueStatus
	if err := json.Unmarshal(out, &qs); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if qs.States[store.StateStored] != storable || qs.States[store.StateFailed] != failing ||
		qs.States[store.StateDiscovered] != 0 || qs.States[store.StateFetched] != 0 {
		t.Errorf("queue %v, want %d stored, %d failed, nothing left", qs.States, storable, failing)
	}
	reasons := map[string]string{}
	for _, f := range qs.Failures {
		reasons[f.Key] = f.Reason
	}
	want := map[string]string{
		outlettest.KindDisallowed:  fetch.ReasonDisallowed,
		outlettest.KindServerError: fetch.ReasonHTTP5xx,
		outlettest.KindNotFound:    fetch.ReasonHTTP4xx,
		outlettest.KindLoop:        fetch.ReasonRedirects,
		outlettest.KindTooLarge:    fetch.ReasonTooLarge,
		outlettest.KindNotHTML:     fetch.ReasonNotHTML,
	}
	perURL := map[string]int{}
	for _, r := range srv.Requests() {
		perURL[r.URL]++
	}
	for _, p := range srv.Pages() {
		key, _ := fetch.NormalizeURL(p.URL)
		if w, ok := want[p.Kind]; ok && reasons[key] != w {
			t.Errorf("%s page %s: recorded reason %q, want %q", p.Kind, p.URL, reasons[key], w)
		}
		n := perURL[p.URL]
		switch {
		case p.Kind == outlettest.KindDisallowed && n != 0:
			t.Errorf("disallowed page %s was requested %d times", p.URL, n)
		case outlettest.Fetched(p.Kind) && p.Kind != outlettest.KindFlaky && n > 2:
			// Once, or twice when the killed worker had fetched it
			// and its lease ran out before it was stored.
			t.Errorf("%s page %s requested %d times", p.Kind, p.URL, n)
		}
	}
	for _, s := range qs.Sources {
		if s.Name == "broken" && s.LastError == "" {
			t.Errorf("the broken feed's error was not recorded: %+v", s)
		}
	}

	// Run again: nothing doubled.
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	again, _ := st.Stats(t.Context())
	if again.Documents != int64(storable) {
		t.Errorf("after a second run %d documents, want %d", again.Documents, storable)
	}
}

// TestWatchAlerts: a saved alert fires once for each matching article the
// watch stores, and not again when the watch runs a second time.
func TestWatchAlerts(t *testing.T) {
	srv, err := outlettest.New(outlettest.Options{SlowDelay: 100 * time.Millisecond, FlakyFailures: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "rasad.db")
	run := func(want int, args ...string) (string, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		g := &globals{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
		root := newRootCommand(g)
		root.SetArgs(args)
		if status := exitStatus(&stderr, root.ExecuteContext(t.Context())); status != want {
			t.Fatalf("rasad %q: status %d, want %d\n%s", args, status, want, stderr.String())
		}
		return stdout.String(), stderr.String()
	}
	run(exitOK, "alert", "add", "sirte", "سرت", "--on", "articles", "--db", db)
	watchArgs := []string{"watch", "--once", "--db", db, "--delay", "0", "--retry-base", "50ms", "--retry-max", "100ms", "--max-attempts", "2"}
	for _, o := range srv.Outlets() {
		watchArgs = append(watchArgs, o.Feeds["rss"])
	}
	// The outlets' broken pages fail for good in the first run (status
	// 1); the second has nothing new to fail.
	first, _ := run(exitSkipped, watchArgs...)
	lines := strings.Split(strings.TrimSpace(first), "\n")
	if first == "" || len(lines) == 0 {
		t.Fatal("the alert did not fire")
	}
	seen := map[string]bool{}
	for _, l := range lines {
		if !strings.Contains(l, "سرت") || !json.Valid([]byte(l)) {
			t.Errorf("alert line %q", l)
		}
		if seen[l] {
			t.Errorf("alert fired twice: %s", l)
		}
		seen[l] = true
	}
	t.Logf("%d alerts on the first run", len(lines))
	second, _ := run(exitOK, watchArgs...)
	if second != "" {
		t.Errorf("the second watch fired again:\n%s", second)
	}
}

// TestWatchInterruptedAtStart: SIGINT while the watch is still starting
// (the pipeline loading, the schema migrating) is a clean stop, not a
// failure.
func TestWatchInterruptedAtStart(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	g := &globals{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	root := newRootCommand(g)
	root.SetArgs([]string{"watch", "--db", filepath.Join(dir, "rasad.db"), dir})
	status := exitStatus(&stderr, root.ExecuteContext(ctx))
	if status != exitOK || strings.Contains(stderr.String(), "context canceled") {
		t.Errorf("status %d, stderr %q; want %d and no error", status, stderr.String(), exitOK)
	}
}
