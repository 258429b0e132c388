package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rasad/rasad/api"
	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/examples"
	"github.com/rasad/rasad/internal/pgtest"
	"github.com/rasad/rasad/kb"
	"github.com/rasad/rasad/pipeline"
	"github.com/rasad/rasad/read"
	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/postgres"
	"github.com/rasad/rasad/store/sqlite"
)

// hostileText is an article whose text carries markup and a script: the
// API must hand it back as the same characters, in JSON.
const hostileText = `اشتباكات عنيفة في مدينة سرت بين قوات حكومة الوحدة الوطنية ومسلحين مجهولين، وقال شهود إن الاشتباكات أسفرت عن مقتل ثلاثة أشخاص. ` +
	`<script>alert("xss")</script> وكتب ناشط <img src=x onerror=alert(1)> ورابط <a href="javascript:alert(2)">هنا</a> في منشور على الإنترنت.`

// loaded is the pipeline and the documents of the examples and of the
// hostile article, built once for every test of the package.
var loaded = sync.OnceValues(func() (*loadedData, error) {
	p, err := pipeline.New(pipeline.Options{Workers: 2})
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "rasad-api-test-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := os.CopyFS(filepath.Join(dir, "examples"), examples.FS()); err != nil {
		return nil, err
	}
	hostile, _ := json.Marshal(map[string]string{"id": "hostile", "outlet": "منصة الاختبار", "published": "2025-07-01", "text": hostileText})
	if err := os.WriteFile(filepath.Join(dir, "hostile.jsonl"), append(hostile, '\n'), 0o644); err != nil {
		return nil, err
	}
	var docs []*document.Document
	ctx := context.Background()
	err = p.Run(ctx, read.Articles(ctx, []string{filepath.Join(dir, "examples"), filepath.Join(dir, "hostile.jsonl")}, read.Options{}),
		func(r pipeline.Result) error {
			if r.Skipped != nil {
				return r.Skipped
			}
			docs = append(docs, r.Doc)
			return nil
		})
	if err != nil {
		return nil, err
	}
	an, err := arabic.NewAnalyzer()
	if err != nil {
		return nil, err
	}
	return &loadedData{pipeline: p, docs: docs, an: an}, nil
})

type loadedData struct {
	pipeline *pipeline.Pipeline
	docs     []*document.Document
	an       *arabic.Analyzer
}

// backend opens an empty database of one kind.
type backend struct {
	name string
	open func(t *testing.T, an store.Analyzer) store.Store
}

func backends(t *testing.T) []backend {
	return []backend{
		{"sqlite", func(t *testing.T, an store.Analyzer) store.Store {
			st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "rasad.db"), store.Options{Analyzer: an})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		}},
		{"postgres", func(t *testing.T, an store.Analyzer) store.Store {
			server := pgtest.Start(t)
			st, err := postgres.Open(t.Context(), server.NewDatabase(t), store.Options{Analyzer: an})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		}},
	}
}

// fixture is a server over a database holding the loaded documents.
type fixture struct {
	*loadedData
	st  store.Store
	srv *httptest.Server
	// places is the server's place resolver, which the expected answers
	// go through too.
	places *search.Places
}

// newFixture stores the documents in st and serves them; change, when
// set, adjusts the configuration.
func newFixture(t *testing.T, st store.Store, change func(*api.Config)) *fixture {
	t.Helper()
	data, err := loaded()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutBatch(t.Context(), data.docs); err != nil {
		t.Fatal(err)
	}
	ix, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	places := search.NewPlaces(ix)
	cfg := api.Config{Store: st, Analyzer: data.an, Pipeline: data.pipeline, Places: places, Poll: 20 * time.Millisecond, Heartbeat: 50 * time.Millisecond}
	if change != nil {
		change(&cfg)
	}
	h, err := api.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &fixture{loadedData: data, st: st, srv: srv, places: places}
}

// sqliteFixture is newFixture over a fresh SQLite database.
func sqliteFixture(t *testing.T, change func(*api.Config)) *fixture {
	t.Helper()
	data, err := loaded()
	if err != nil {
		t.Fatal(err)
	}
	return newFixture(t, backends(t)[0].open(t, data.an), change)
}

// get fetches path and returns the response and its body.
func (f *fixture) get(t *testing.T, path string) (*http.Response, []byte) {
	t.Helper()
	return f.do(t, "GET", path, nil, nil)
}

func (f *fixture) do(t *testing.T, method, path string, body io.Reader, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, f.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// getJSON fetches path, expects 200 and decodes the body into v.
func (f *fixture) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	resp, body := f.get(t, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s: %s", path, resp.Status, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v in %s", path, err, body)
	}
}

// envelope is an error response.
type envelope struct {
	Error struct {
		Kind    string `json:"kind"`
		Message string `json:"message"`
	} `json:"error"`
}

// expectError checks that a response is the error envelope of kind with
// status.
func expectError(t *testing.T, what string, resp *http.Response, body []byte, status int, kind string) {
	t.Helper()
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil || env.Error.Kind == "" || env.Error.Message == "" {
		t.Errorf("%s: body %q is not an error envelope (%v)", what, body, err)
		return
	}
	if resp.StatusCode != status || env.Error.Kind != kind {
		t.Errorf("%s: %d %s (%s), want %d %s", what, resp.StatusCode, env.Error.Kind, env.Error.Message, status, kind)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s: Content-Type %q", what, ct)
	}
}

// query builds a query string.
func query(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v.Encode()
}
