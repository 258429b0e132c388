//go:build !unix

package kb

import (
	"testing"
	"time"
)

// cpuTime is unknown here: the load test falls back to wall time.
func cpuTime(testing.TB) time.Duration { return 0 }
