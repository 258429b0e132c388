package fetch

import (
	"math/rand/v2"
	"time"
)

// Backoff returns how long to wait before retry number attempt (0 for the
// first retry): a random duration between 0 and min(max, base·2^attempt),
// the "full jitter" of exponential back-off, so that workers that failed
// together do not retry together. rnd may be nil (the global source).
func Backoff(attempt int, base, max time.Duration, rnd *rand.Rand) time.Duration {
	if base <= 0 || max <= 0 {
		return 0
	}
	ceiling := max
	if attempt < 0 {
		attempt = 0
	}
	// base<<attempt overflows long before 62 doublings; stop doubling
	// once past max.
	if attempt < 62 {
		if d := base << attempt; d > 0 && d>>attempt == base && d < max {
			ceiling = d
		}
	}
	if rnd == nil {
		return time.Duration(rand.Int64N(int64(ceiling) + 1))
	}
	return time.Duration(rnd.Int64N(int64(ceiling) + 1))
}
