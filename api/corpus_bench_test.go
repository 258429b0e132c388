package api_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/rasad/rasad/api"
	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/sqlite"
)

// BenchmarkCorpusEvents lists events over the database that
// $RASAD_API_CORPUS names (the 44,000 shared corpus articles, built as
// api/RESULTS.md says), in process: what each request costs the server.
func BenchmarkCorpusEvents(b *testing.B) {
	path := os.Getenv("RASAD_API_CORPUS")
	if path == "" {
		b.Skip("set RASAD_API_CORPUS to an ingested database")
	}
	an, err := arabic.NewAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	st, err := sqlite.Open(b.Context(), path, store.Options{Analyzer: an})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	h, err := api.New(api.Config{Store: st, Analyzer: an})
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{"", "type=ASSAULT", "type=PROTEST,Battles", "type=ASSAULT&place=%D9%85%D8%B5%D8%B1", "near=30.04,31.23,50", "q=%D8%A7%D9%84%D8%AC%D9%8A%D8%B4"} {
		b.Run(q, func(b *testing.B) {
			req := httptest.NewRequest("GET", "/api/v1/events?"+q, nil)
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", q, w.Code, w.Body)
				}
			}
		})
	}
}
