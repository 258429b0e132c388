package web

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func serve(t *testing.T, h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// A small dashboard standing in for the built one, so that the table
// below does not depend on the hashes of the current build.
var testFS = fstest.MapFS{
	"dist/index.html":              {Data: []byte(`<!doctype html><html lang="ar" dir="rtl"><script type="module" src="/assets/app-AB12.js"></script>`)},
	"dist/NOTICE":                  {Data: []byte("Natural Earth\n")},
	"dist/assets/app-AB12.js":      {Data: []byte("console.log('رصد')")},
	"dist/assets/app-CD34.css":     {Data: []byte("body{}")},
	"dist/assets/map-EF56.geojson": {Data: []byte(`{"type":"FeatureCollection","features":[]}`)},
	"dist/assets/layers-GH78.png":  {Data: []byte("\x89PNG\r\n\x1a\n")},
}

func TestHandler(t *testing.T) {
	h, err := newHandler(testFS)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		method, path string
		status       int
		contentType  string
		cache        string
		bodyHas      string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "no-cache", `lang="ar"`},
		{"GET", "/index.html", 200, "text/html; charset=utf-8", "no-cache", `dir="rtl"`},
		{"GET", "/actors", 200, "text/html; charset=utf-8", "no-cache", `lang="ar"`},
		{"GET", "/documents/2f9a61b0c3d4e5f6", 200, "text/html; charset=utf-8", "no-cache", `lang="ar"`},
		{"GET", "/documents/%D8%B3%D8%B1%D8%AA", 200, "text/html; charset=utf-8", "no-cache", `lang="ar"`},
		{"GET", "/assets/app-AB12.js", 200, "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", "رصد"},
		{"GET", "/assets/app-CD34.css", 200, "text/css; charset=utf-8", "public, max-age=31536000, immutable", "body{}"},
		{"GET", "/assets/map-EF56.geojson", 200, "application/geo+json", "public, max-age=31536000, immutable", "FeatureCollection"},
		{"GET", "/assets/layers-GH78.png", 200, "image/png", "public, max-age=31536000, immutable", "PNG"},
		{"GET", "/NOTICE", 200, "text/plain; charset=utf-8", "no-cache", "Natural Earth"},
		{"GET", "/assets/app-OLD1.js", 404, "", "", ""},
		{"GET", "/favicon.ico", 404, "", "", ""},
		{"GET", "/api/v1/nothing", 404, "", "", ""},
		{"GET", "/assets/../index.html", 200, "text/html; charset=utf-8", "no-cache", `lang="ar"`},
		{"HEAD", "/assets/app-AB12.js", 200, "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", ""},
		{"POST", "/", 405, "", "", ""},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			rec := serve(t, h, tc.method, tc.path, nil)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d", rec.Code, tc.status)
			}
			if got := rec.Header().Get("Content-Security-Policy"); got != ContentSecurityPolicy {
				t.Errorf("CSP %q", got)
			}
			if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options %q", got)
			}
			if tc.status != 200 {
				return
			}
			if got := rec.Header().Get("Content-Type"); got != tc.contentType {
				t.Errorf("Content-Type %q, want %q", got, tc.contentType)
			}
			if got := rec.Header().Get("Cache-Control"); got != tc.cache {
				t.Errorf("Cache-Control %q, want %q", got, tc.cache)
			}
			if !strings.Contains(rec.Body.String(), tc.bodyHas) {
				t.Errorf("body %q lacks %q", rec.Body.String(), tc.bodyHas)
			}
			if tc.method == "HEAD" && rec.Body.Len() != 0 {
				t.Errorf("HEAD answered with a body of %d bytes", rec.Body.Len())
			}
		})
	}
}

func TestHandlerRevalidates(t *testing.T) {
	h, err := newHandler(testFS)
	if err != nil {
		t.Fatal(err)
	}
	first := serve(t, h, "GET", "/", nil)
	etag := first.Header().Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	again := serve(t, h, "GET", "/actors", map[string]string{"If-None-Match": etag})
	if again.Code != http.StatusNotModified {
		t.Errorf("status %d with a matching ETag, want 304", again.Code)
	}
}

func TestNewHandlerNeedsIndex(t *testing.T) {
	if _, err := newHandler(fstest.MapFS{"dist/assets/app.js": {Data: []byte("x")}}); err == nil {
		t.Error("a dashboard without index.html was accepted")
	}
}

// TestBuiltDashboard checks the committed build: index.html is the Arabic,
// right-to-left page, names hashed assets that are embedded, and has no
// inline script or style (the CSP would block them).
func TestBuiltDashboard(t *testing.T) {
	h := Handler()
	rec := serve(t, h, "GET", "/", nil)
	page := rec.Body.String()
	if !strings.Contains(page, `<html lang="ar" dir="rtl">`) {
		t.Errorf("index.html is not the Arabic right-to-left page:\n%s", page)
	}
	if regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]`).MatchString(page) || strings.Contains(page, "<style") || strings.Contains(page, "style=") {
		t.Errorf("index.html has inline script or style:\n%s", page)
	}
	refs := regexp.MustCompile(`(?:src|href)="(/assets/[^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(refs) < 2 {
		t.Fatalf("index.html names %d assets, want the script and the stylesheet", len(refs))
	}
	for _, ref := range refs {
		if rec := serve(t, h, "GET", ref[1], nil); rec.Code != 200 || rec.Header().Get("Cache-Control") != cacheHashed {
			t.Errorf("%s: status %d, Cache-Control %q", ref[1], rec.Code, rec.Header().Get("Cache-Control"))
		}
	}
}

// TestBuiltMapIsCurrent checks that the map embedded in dist/ is the one in
// public/ (made by rasad kb map): a changed map needs npm run build.
func TestBuiltMapIsCurrent(t *testing.T) {
	want, err := os.ReadFile("public/boundaries.geojson")
	if err != nil {
		t.Fatal(err)
	}
	found, err := fs.Glob(dist, "dist/assets/boundaries-*.geojson")
	if err != nil || len(found) != 1 {
		t.Fatalf("dist/assets holds %d boundary files (%v), want 1", len(found), err)
	}
	got, err := fs.ReadFile(dist, found[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from public/boundaries.geojson: run npm run build in web/", found[0])
	}
}

// TestDistIsCurrent rebuilds the dashboard from src/ into a temporary
// folder and checks that the committed dist/ is that build: a change to
// src/ or public/ needs npm run build, and its output committed.
func TestDistIsCurrent(t *testing.T) {
	if _, err := os.Stat(filepath.Join("node_modules", "esbuild")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("web/node_modules is required in CI (npm ci in web/)")
		}
		t.Skip("web/node_modules is missing (npm ci in web/); skipping")
	}
	out := t.TempDir()
	build := exec.CommandContext(t.Context(), "node", "build.mjs")
	build.Env = append(os.Environ(), "RASAD_WEB_OUT="+out)
	if msg, err := build.CombinedOutput(); err != nil {
		t.Fatalf("node build.mjs: %v\n%s", err, msg)
	}
	built, err := os.ReadDir(filepath.Join(out, "assets"))
	if err != nil {
		t.Fatal(err)
	}
	committed, err := fs.ReadDir(dist, "dist/assets")
	if err != nil {
		t.Fatal(err)
	}
	names := func(es []fs.DirEntry) (n []string) {
		for _, e := range es {
			n = append(n, e.Name())
		}
		return n
	}
	if got, want := strings.Join(names(committed), " "), strings.Join(names(built), " "); got != want {
		t.Fatalf("dist/assets holds %s; a build from src/ makes %s: run npm run build in web/ and commit dist/", got, want)
	}
	for _, name := range []string{"index.html", "NOTICE"} {
		b, _ := os.ReadFile(filepath.Join(out, name))
		c, _ := fs.ReadFile(dist, "dist/"+name)
		if !bytes.Equal(b, c) {
			t.Errorf("dist/%s differs from a fresh build: run npm run build in web/", name)
		}
	}
}
