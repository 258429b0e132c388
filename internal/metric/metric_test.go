package metric

import (
	"math"
	"testing"
)

func TestCounts(t *testing.T) {
	for _, tc := range []struct {
		c       Counts
		p, r, f float64
		line    string
	}{
		{Counts{Correct: 3, Predicted: 4, Gold: 6}, 0.75, 0.5, 0.6, "overall precision=0.7500 recall=0.5000 f1=0.6000"},
		{Counts{}, 0, 0, 0, "overall precision=0.0000 recall=0.0000 f1=0.0000"},
		{Counts{Correct: 0, Predicted: 5, Gold: 0}, 0, 0, 0, "overall precision=0.0000 recall=0.0000 f1=0.0000"},
		{Counts{Correct: 1489, Predicted: 1896, Gold: 2285}, 0.78534, 0.65164, 0.71227, "overall precision=0.7853 recall=0.6516 f1=0.7123"},
	} {
		if math.Abs(tc.c.Precision()-tc.p) > 1e-4 || math.Abs(tc.c.Recall()-tc.r) > 1e-4 || math.Abs(tc.c.F1()-tc.f) > 1e-4 {
			t.Errorf("%+v: P=%v R=%v F=%v, want %v %v %v", tc.c, tc.c.Precision(), tc.c.Recall(), tc.c.F1(), tc.p, tc.r, tc.f)
		}
		if got := tc.c.Overall(); got != tc.line {
			t.Errorf("%+v: Overall() = %q, want %q", tc.c, got, tc.line)
		}
	}
}
