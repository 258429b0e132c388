package search_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/postgres"
	"github.com/rasad/rasad/store/sqlite"
)

// latencyQueries are what an analyst of these corpora might type: common
// and rare words, clitic-attached forms, phrases, filters.
var latencyQueries = []search.Query{
	{Text: "مصر"}, {Text: "القاهرة"}, {Text: "الإخوان"}, {Text: "مرسي"}, {Text: "السيسي"},
	{Text: "قوات الأمن"}, {Text: `"وزارة الداخلية"`}, {Text: "الرياض"}, {Text: "اشتباكات"},
	{Text: "مظاهرات"}, {Text: "سوريا"}, {Text: "الأمم المتحدة"}, {Text: `"وزير الخارجية"`},
	{Text: `"مجلس الأمن"`}, {Text: "النفط"}, {Text: "الحوثيين"}, {Text: "قتلى"}, {Text: "بقوات"},
	{Text: "والشرطة"}, {Text: "لقواتها"}, {Text: "المستشفى"}, {Text: "جدة"}, {Text: "الهلال الأحمر"},
	{Text: "ميدان التحرير"}, {Text: `"ميدان التحرير"`}, {Text: "انفجار سيارة مفخخة"},
	{Text: "قال"}, {Text: "في"}, {Text: "الحكومة", Filter: search.Filter{From: "2013-03-01", To: "2013-06-30"}},
	{Text: "الأمن", Filter: search.Filter{Outlet: "okaz"}},
	{Filter: search.Filter{Outlet: "shorouknews", From: "2013-03-01"}},
	{Text: "زلزال"}, {Text: "كورونا"},
}

// TestLatency measures search over a database that $RASAD_BENCH_DB names
// (an SQLite file or a postgres:// URL, filled by rasad ingest with the
// shared news corpora), and fails when the 95th percentile passes 50 ms.
// Each query runs five times. It is skipped without $RASAD_BENCH_DB.
func TestLatency(t *testing.T) {
	target := os.Getenv("RASAD_BENCH_DB")
	if target == "" {
		t.Skip("set RASAD_BENCH_DB to an ingested database to measure search latency")
	}
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	var st store.Store
	if strings.HasPrefix(target, "postgres") {
		st, err = postgres.Open(ctx, target, store.Options{Analyzer: an})
	} else {
		st, err = sqlite.Open(ctx, target, store.Options{Analyzer: an})
	}
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	srch := search.New(st, an)
	var times []time.Duration
	slowest := map[string]time.Duration{}
	for round := range 5 {
		for _, q := range latencyQueries {
			start := time.Now()
			res, err := srch.Search(ctx, q)
			d := time.Since(start)
			if err != nil {
				t.Fatalf("%q: %v", q.Text, err)
			}
			if round == 0 {
				t.Logf("%-28q %6d matches, first %v", q.Text, res.Total, d.Round(time.Microsecond))
			}
			times = append(times, d)
			key := q.Text + " " + q.Filter.Outlet + q.Filter.From
			slowest[key] = max(slowest[key], d)
		}
	}
	slices.Sort(times)
	pct := func(p float64) time.Duration { return times[int(p*float64(len(times)-1))] }
	t.Logf("%d documents: %d searches, p50 %v, p95 %v, max %v", stats.Documents, len(times),
		pct(0.5).Round(time.Microsecond), pct(0.95).Round(time.Microsecond), times[len(times)-1].Round(time.Microsecond))
	if pct(0.95) > 50*time.Millisecond {
		t.Errorf("p95 %v is over 50 ms", pct(0.95))
	}
}
