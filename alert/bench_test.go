package alert_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/rasad/rasad/alert"
	"github.com/rasad/rasad/alert/alerttest"
	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
	"github.com/rasad/rasad/store/sqlite"
	"github.com/rasad/rasad/store/storetest"
)

// BenchmarkStored measures what an engine costs rasad watch after each
// batch it stores: five alerts matched against the five articles of the
// batch, in stores of growing size. The articles were recorded on the
// first call, so each iteration does the whole matching and finds every
// match recorded already. "whole-store" runs the same searches over the
// whole store and keeps the batch's hits, for comparison.
func BenchmarkStored(b *testing.B) {
	ctx := context.Background()
	an, err := arabic.NewAnalyzer()
	if err != nil {
		b.Fatal(err)
	}
	batch := alerttest.Articles(b)
	alerts := []alert.Alert{
		{Name: "strikes", Query: "بالقصف", Filter: search.Filter{Types: []string{"ASSAULT"}}, On: alert.OnEvents},
		{Name: "phrase", Query: `"بني وليد"`, On: alert.OnArticles},
		{Name: "place", Filter: search.Filter{Place: "طرابلس"}, On: alert.OnArticles},
		{Name: "outlet-days", Query: "قوات", Filter: search.Filter{Outlet: "الجزيرة", From: "2021-03-01", To: "2025-12-31"}, On: alert.OnArticles},
		{Name: "protests", Filter: search.Filter{Types: []string{"PROTEST", "Armed clash"}}, On: alert.OnEvents},
	}
	for _, size := range []int{1000, 10000} {
		st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "rasad.db"), store.Options{Analyzer: an})
		if err != nil {
			b.Fatal(err)
		}
		for chunk := range slices.Chunk(storetest.Generate(size, 7), 500) {
			if _, err := st.PutBatch(ctx, chunk); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := st.PutBatch(ctx, batch); err != nil {
			b.Fatal(err)
		}
		for _, a := range alerts {
			a.Sink = "stdout"
			if err := st.AddAlert(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
		e, err := alert.New(st, an, alert.Options{})
		if err != nil {
			b.Fatal(err)
		}
		ids := make([]string, len(batch))
		for i, d := range batch {
			ids[i] = d.ID
		}
		if err := e.Stored(ctx, ids); err != nil {
			b.Fatal(err)
		}
		stats, err := st.Outbox(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if stats.Delivered < 5 {
			b.Fatalf("only %d matches in the batch", stats.Delivered)
		}
		b.Run(fmt.Sprintf("store=%d", size), func(b *testing.B) {
			for b.Loop() {
				if err := e.Stored(ctx, ids); err != nil {
					b.Fatal(err)
				}
			}
			if after, err := st.Outbox(ctx); err != nil || after != stats {
				b.Fatalf("outbox %+v after the benchmark (%v), want %+v: something fired twice", after, err, stats)
			}
		})
		b.Run(fmt.Sprintf("store=%d/whole-store", size), func(b *testing.B) {
			s := search.New(st, an)
			nums, err := st.DocumentNums(ctx, ids)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				found := 0
				for _, a := range alerts {
					res, err := s.Search(ctx, search.Query{Text: a.Query, Filter: a.Filter, Limit: size + len(batch)})
					if err != nil {
						b.Fatal(err)
					}
					for _, h := range res.Hits {
						if _, ok := slices.BinarySearch(nums, h.Num); ok {
							found++
						}
					}
				}
				if found == 0 {
					b.Fatal("the whole-store searches found none of the batch")
				}
			}
		})
		st.Close()
	}
}
