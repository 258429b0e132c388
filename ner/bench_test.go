package ner

import (
	"syscall"
	"testing"
	"time"

	"github.com/rasad/rasad/internal/shared"
)

// cpuTime is the CPU time the process has used so far.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkTagSentences measures tagging speed on the ANERcorp test
// sentences with the built-in model, and checks that the tags are still
// good. Run it with -cpu 1: the tagger uses one core. It reports tokens
// per second of wall time and per second of CPU time (the fair figure on
// a machine shared with other work).
func BenchmarkTagSentences(b *testing.B) {
	sents, err := ReadCoNLL(shared.Path(b, "anercorp/test.txt"))
	if err != nil {
		b.Fatal(err)
	}
	tg, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	tokens := tokensOf(sents)
	n := 0
	for _, s := range tokens {
		n += len(s)
	}
	var pred [][]string
	b.ResetTimer()
	cpu := cpuTime(b)
	for i := 0; i < b.N; i++ {
		pred = tg.TagSentences(tokens)
	}
	cpu = cpuTime(b) - cpu
	b.StopTimer()
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(n*b.N)/cpu.Seconds(), "tokens/cpu-s")
	if f := Evaluate(sents, pred).Overall().F1(); f < 0.70 {
		b.Fatalf("F1 %.4f on the test sentences, want at least 0.70", f)
	}
}

// BenchmarkTag measures Tag on a whole analysed document.
func BenchmarkTag(b *testing.B) {
	tg, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	d := analyze(b, paragraph)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Entities = d.Entities[:0]
		tg.Tag(d)
	}
	b.StopTimer()
	b.ReportMetric(float64(len(d.Tokens)*b.N)/b.Elapsed().Seconds(), "tokens/s")
	if len(d.Entities) < 8 {
		b.Fatalf("%d entities, want at least 8", len(d.Entities))
	}
}

// BenchmarkLoad measures loading the built-in model (weights, clusters,
// gazetteer, automatic lexicon, segmenter).
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		tg, err := Load()
		if err != nil {
			b.Fatal(err)
		}
		if tg.m2 == nil {
			b.Fatal("no second pass")
		}
	}
}
