package metric

import "fmt"

// Counts are the tallies of one comparison with gold data.
type Counts struct {
	Correct, Predicted, Gold int
}

// Precision is Correct/Predicted (0 when nothing was predicted).
func (c Counts) Precision() float64 { return Ratio(c.Correct, c.Predicted) }

// Recall is Correct/Gold (0 when there is nothing to find).
func (c Counts) Recall() float64 { return Ratio(c.Correct, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 { return F1(c.Precision(), c.Recall()) }

// Overall is the last line of an eval command's report, with fractions
// to four decimals.
func (c Counts) Overall() string {
	return fmt.Sprintf("overall precision=%.4f recall=%.4f f1=%.4f", c.Precision(), c.Recall(), c.F1())
}

// F1 is the harmonic mean of p and r (0 when both are 0).
func F1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Ratio is a/b, or 0 when b is 0.
func Ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
