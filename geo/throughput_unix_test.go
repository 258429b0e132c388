//go:build unix

package geo

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the processor time the process has used, user and system:
// on a shared machine it measures the work where wall time measures the
// queue.
func cpuTime(t testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var throughputQueries = []struct{ q, cc string }{
	{"بطرابلس", "LY"}, {"وسرت", "LY"}, {"لبنغازي", "LY"}, {"وبالزاوية", "LY"}, {"اوباري", "LY"},
	{"مدينة سرت", "LY"}, {"حلب", "SY"}, {"بمحافظة إدلب", "SY"}, {"الموصل", "IQ"}, {"صنعاء", "YE"},
	{"الخرطوم", "SD"}, {"البيضاء", "YE"}, {"بنغازى", "LY"}, {"دير الزور", "SY"}, {"مصراتة", "LY"}, {"ليبيا", "LY"},
}

// TestGeocodeThroughput geocodes names as news writes them, checking
// each answer, and requires 500,000 a second of processor time on one
// goroutine.
func TestGeocodeThroughput(t *testing.T) {
	if testing.Short() {
		t.Skip("measures speed")
	}
	r := testResolver()
	const n = 300000
	startCPU, start := cpuTime(t), time.Now()
	for i := range n {
		q := throughputQueries[i%len(throughputQueries)]
		ans := r.Geocode(q.q, Hints{Country: q.cc})
		if best, ok := ans.Best(); !ok || best.Place.Country != q.cc {
			t.Fatalf("Geocode(%q, %s) wrong", q.q, q.cc)
		}
	}
	cpu, wall := cpuTime(t)-startCPU, time.Since(start)
	rate := float64(n) / cpu.Seconds()
	t.Logf("%d geocodes: %v processor time (%.0f per processor-second), %v wall time (%.0f per second)",
		n, cpu, rate, wall, float64(n)/wall.Seconds())
	if rate < 500000 {
		t.Errorf("%.0f geocodes per processor-second, want ≥ 500,000", rate)
	}
}
