package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed dist
var dist embed.FS

// ContentSecurityPolicy is the policy the dashboard is built to run under:
// scripts, styles and data only from this server, no inline code.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// Cache lifetimes: file names under /assets/ carry a hash of their
// content, so they never change; everything else is revalidated.
const (
	cacheHashed = "public, max-age=31536000, immutable"
	cacheOther  = "no-cache"
)

// contentTypes are set by extension, not from the system's MIME tables,
// so that the answer is the same on every machine.
var contentTypes = map[string]string{
	".html":    "text/html; charset=utf-8",
	".js":      "text/javascript; charset=utf-8",
	".css":     "text/css; charset=utf-8",
	".json":    "application/json",
	".geojson": "application/geo+json",
	".png":     "image/png",
	".svg":     "image/svg+xml",
	".txt":     "text/plain; charset=utf-8",
	"":         "text/plain; charset=utf-8", // NOTICE
}

// file is one embedded file, read once.
type file struct {
	body        []byte
	contentType string
	etag        string
	cache       string
}

type handler struct {
	files map[string]file // by URL path
	index file
}

// Handler serves the embedded dashboard: its files by path, with their
// content type and cache headers, and index.html for every other path
// that is not a file (the application's own routes: /actors,
// /documents/ID); a missing file under /assets/ or with an extension is
// a 404.
func Handler() http.Handler {
	h, err := newHandler(dist)
	if err != nil {
		// The embedded files are part of the binary: failing to read
		// them is a build error, not a runtime condition.
		panic(err)
	}
	return h
}

func newHandler(fsys fs.FS) (*handler, error) {
	root, err := fs.Sub(fsys, "dist")
	if err != nil {
		return nil, err
	}
	h := &handler{files: map[string]file{}}
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ct, ok := contentTypes[path.Ext(p)]
		if !ok {
			ct = http.DetectContentType(body)
		}
		f := file{body: body, contentType: ct, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, cache: cacheOther}
		if strings.HasPrefix(p, "assets/") {
			f.cache = cacheHashed
		}
		h.files["/"+p] = f
		return nil
	})
	if err != nil {
		return nil, err
	}
	index, ok := h.files["/index.html"]
	if !ok {
		return nil, fs.ErrNotExist
	}
	h.index = index
	return h, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", ContentSecurityPolicy)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hd.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	f, ok := h.files[p]
	switch {
	case ok:
	case strings.HasPrefix(p, "/assets/") || strings.HasPrefix(p, "/api/") || path.Ext(p) != "":
		http.Error(w, "not found", http.StatusNotFound)
		return
	default:
		f = h.index // a route of the application
	}
	hd.Set("Content-Type", f.contentType)
	hd.Set("Cache-Control", f.cache)
	hd.Set("ETag", f.etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
}
