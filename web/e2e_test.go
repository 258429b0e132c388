package web

import (
	"bufio"
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
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
func runBrowserChecks(t *testing.T, base, hostileID string) {
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
	cmd.Env = append(os.Environ(), "RASAD_BASE_URL="+base, "RASAD_HOSTILE_ID="+hostileID, "RASAD_ARTIFACTS="+artifacts)
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

// TestBrowserFixture drives the dashboard in Chromium against the fixture
// API (the bundled examples as `rasad extract` prints them, and the
// hostile article).
func TestBrowserFixture(t *testing.T) {
	requireBrowser(t)
	api, err := loadFixture(filepath.Join("..", "cmd", "rasad", "testdata", "examples.golden.jsonl"), filepath.Join("testdata", "hostile.document.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api)
	defer srv.Close()
	runBrowserChecks(t, srv.URL, "hostile-markup")
}
