package web

import (
	"bufio"
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromiumPath is Debian's Chromium, which the browser tests drive.
const chromiumPath = "/usr/bin/chromium"

// requireBrowser skips the test (fails it in CI) when Chromium, node or the
// npm packages in web/node_modules are missing.
func requireBrowser(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are not short; skipping")
	}
	var missing []string
	if _, err := os.Stat(chromiumPath); err != nil {
		missing = append(missing, chromiumPath+" (apt-get install chromium)")
	}
	if _, err := exec.LookPath("node"); err != nil {
		missing = append(missing, "node")
	}
	if _, err := os.Stat(filepath.Join("node_modules", "playwright-core")); err != nil {
		missing = append(missing, "web/node_modules (npm ci in web/)")
	}
	if len(missing) == 0 {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("browser tests need %s", strings.Join(missing, ", "))
	}
	t.Skipf("browser tests need %s; skipping", strings.Join(missing, ", "))
}

// runBrowserChecks runs e2e/run.mjs against base and fails the test on any
// failed check. Screenshots go to $RASAD_ARTIFACTS, else a temporary
// folder kept after the test; the log names it.
func runBrowserChecks(t *testing.T, base, hostileID, token string) {
	t.Helper()
	artifacts := os.Getenv("RASAD_ARTIFACTS")
	if artifacts == "" {
		dir, err := os.MkdirTemp("", "rasad-e2e-")
		if err != nil {
			t.Fatal(err)
		}
		artifacts = dir
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join("e2e", "run.mjs"))
	cmd.Env = append(os.Environ(), "RASAD_BASE_URL="+base, "RASAD_HOSTILE_ID="+hostileID, "RASAD_ARTIFACTS="+artifacts, "RASAD_TOKEN="+token)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		t.Log(line)
		if strings.HasPrefix(line, "FAIL ") {
			t.Error(strings.TrimPrefix(line, "FAIL "))
		}
	}
	if err := cmd.Wait(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) || !t.Failed() {
			t.Errorf("node e2e/run.mjs: %v", err)
		}
	}
	t.Logf("screenshots in %s", artifacts)
}

// rasadBinary returns $RASAD_BIN, else builds ./cmd/rasad into a
// temporary folder.
func rasadBinary(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("RASAD_BIN"); bin != "" {
		return bin
	}
	bin := filepath.Join(t.TempDir(), "rasad")
	build := exec.CommandContext(t.Context(), "go", "build", "-o", bin, "../cmd/rasad")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ../cmd/rasad: %v\n%s", err, out)
	}
	return bin
}

// dashboardURL matches the line rasad demo prints when it serves.
var dashboardURL = regexp.MustCompile(`rasad dashboard: (http://127\.0\.0\.1:\d+)/`)

// TestBrowser drives the dashboard in Chromium against the real server:
// `rasad demo` over a database that already holds the hostile article
// (testdata/hostile.jsonl: markup in the title, the text and the URL),
// with a write token so that the live stream can be checked.
func TestBrowser(t *testing.T) {
	requireBrowser(t)
	bin := rasadBinary(t)
	db := filepath.Join(t.TempDir(), "e2e.db")
	ingest := exec.CommandContext(t.Context(), bin, "ingest", "--db", db, filepath.Join("testdata", "hostile.jsonl"))
	if out, err := ingest.CombinedOutput(); err != nil {
		t.Fatalf("rasad ingest: %v\n%s", err, out)
	}
	const token = "e2e-token-d2f7c1"
	ctx, cancel := context.WithTimeout(t.Context(), 4*time.Minute)
	defer cancel()
	demo := exec.CommandContext(ctx, bin, "demo", "--db", db, "--addr", "127.0.0.1:0")
	demo.Env = append(os.Environ(), "RASAD_TOKEN="+token)
	demo.Cancel = func() error { return demo.Process.Signal(os.Interrupt) }
	demo.WaitDelay = 10 * time.Second
	var stderr strings.Builder
	demo.Stderr = &stderr
	out, err := demo.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		demo.Wait()
		if t.Failed() {
			t.Logf("rasad demo's log:\n%s", stderr.String())
		}
	}()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := dashboardURL.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		close(found)
	}()
	var base string
	select {
	case u, ok := <-found:
		if !ok {
			t.Fatalf("rasad demo ended without serving:\n%s", stderr.String())
		}
		base = u
	case <-time.After(2 * time.Minute):
		t.Fatalf("rasad demo printed no address in 2 minutes:\n%s", stderr.String())
	}
	runBrowserChecks(t, base, "hostile-markup", token)
}

// TestBrowserFixture runs the same checks against the fixture API (the
// bundled examples as `rasad extract` prints them, and the hostile
// article), for work on the dashboard while the server is broken or
// changing: RASAD_E2E_FIXTURE=1 go test -run BrowserFixture ./web
func TestBrowserFixture(t *testing.T) {
	if os.Getenv("RASAD_E2E_FIXTURE") == "" {
		t.Skip("set RASAD_E2E_FIXTURE=1 to run the browser checks against the fixture API")
	}
	requireBrowser(t)
	api, err := loadFixture(filepath.Join("..", "cmd", "rasad", "testdata", "examples.golden.jsonl"), filepath.Join("testdata", "hostile.document.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api)
	defer srv.Close()
	runBrowserChecks(t, srv.URL, "hostile-markup", "")
}

// TestScripts runs the unit checks of the dashboard's modules (byte
// offsets to string indexes, the timeline's columns) in node.
func TestScripts(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is required in CI")
		}
		t.Skip("node is not installed; skipping")
	}
	tests, err := filepath.Glob(filepath.Join("e2e", "*.test.mjs"))
	if err != nil || len(tests) == 0 {
		t.Fatalf("no e2e/*.test.mjs (%v)", err)
	}
	for _, f := range tests {
		t.Run(filepath.Base(f), func(t *testing.T) {
			out, err := exec.CommandContext(t.Context(), "node", f).CombinedOutput()
			if err != nil {
				t.Errorf("node %s: %v\n%s", f, err, out)
			}
		})
	}
}
