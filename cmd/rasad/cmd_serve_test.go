package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a buffer a server goroutine writes while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startDemo runs rasad demo on a free port until the test ends and
// returns the address it printed.
func startDemo(t *testing.T, env map[string]string) string {
	t.Helper()
	var out, errs lockedBuffer
	g := &globals{stdin: strings.NewReader(""), stdout: &out, stderr: &errs, getenv: func(k string) string { return env[k] }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runDemo(ctx, demoOptions{Addr: "127.0.0.1:0", LogFormat: "json"}, g) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("demo after SIGINT: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("demo did not shut down within 15 s")
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if line, ok := strings.CutPrefix(out.String(), "rasad dashboard: "); ok {
			url := strings.TrimSpace(line)
			if !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasSuffix(url, ":0/") {
				t.Fatalf("demo printed %q", out.String())
			}
			return url
		}
		select {
		case err := <-done:
			t.Fatalf("demo ended: %v\n%s", err, errs.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("demo printed no address within 60 s; stderr:\n%s", errs.String())
	return ""
}

func TestDemo(t *testing.T) {
	url := startDemo(t, nil)
	resp, err := http.Get(url + "api/v1/stats")
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Documents int `json:"documents"`
		Events    int `json:"events"`
	}
	err = json.NewDecoder(resp.Body).Decode(&st)
	resp.Body.Close()
	if err != nil || st.Documents < 6 || st.Events == 0 {
		t.Errorf("demo stats: %+v, %v; want the examples' articles and events", st, err)
	}
	// The dashboard is served at /, under its policy; writes are refused
	// without a token.
	resp, err = http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "<html") || resp.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("GET /: %s, CSP %q, %.100s", resp.Status, resp.Header.Get("Content-Security-Policy"), body)
	}
	resp, err = http.Post(url+"api/v1/documents", "application/json", strings.NewReader(`{"text": "نص"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST without RASAD_TOKEN: %s", resp.Status)
	}
}

func TestDemoWithToken(t *testing.T) {
	url := startDemo(t, map[string]string{"RASAD_TOKEN": "demo-token"})
	req, _ := http.NewRequest("POST", url+"api/v1/documents", strings.NewReader(`{"id": "posted", "text": "قصفت طائرة مسيرة موقعا في مدينة سرت صباح الأحد."}`))
	req.Header.Set("Authorization", "Bearer demo-token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"id":"posted","outcome":"added"`) {
		t.Errorf("POST with the token: %s %s", resp.Status, body)
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--log-format", "xml"},
		{"serve", "extra-argument"},
		{"demo", "--log-format", "yaml"},
		{"loadtest", "--url", "http://example.com:8080"},
	} {
		_, stderr, status := run(t, "", args...)
		if status != exitUsage {
			t.Errorf("rasad %v: status %d, want %d (%s)", args, status, exitUsage, stderr)
		}
	}
}
