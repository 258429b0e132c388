//go:build unix

package kb

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
