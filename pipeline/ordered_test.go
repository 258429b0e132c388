package pipeline

import (
	"context"
	"errors"
	"iter"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

func numbers(n int, failAt int) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := range n {
			if i == failAt {
				yield(0, errors.New("read failed"))
				return
			}
			if !yield(i, nil) {
				return
			}
		}
	}
}

func TestMapOrderedKeepsInputOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		var got []int
		slow := func(i int) int {
			time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
			return i * i
		}
		err := mapOrdered(context.Background(), numbers(500, -1), workers, slow, func(v int) error {
			got = append(got, v)
			return nil
		})
		if err != nil {
			t.Fatalf("workers=%d: %v", workers, err)
		}
		if len(got) != 500 {
			t.Fatalf("workers=%d: got %d results, want 500", workers, len(got))
		}
		for i, v := range got {
			if v != i*i {
				t.Fatalf("workers=%d: result %d is %d, want %d", workers, i, v, i*i)
			}
		}
	}
}

func TestMapOrderedBoundsWorkInFlight(t *testing.T) {
	const workers = 3
	var started, emitted atomic.Int64
	var maxAhead int64
	err := mapOrdered(context.Background(), numbers(300, -1), workers, func(i int) int {
		started.Add(1)
		return i
	}, func(int) error {
		if ahead := started.Load() - emitted.Load(); ahead > maxAhead {
			maxAhead = ahead
		}
		emitted.Add(1)
		time.Sleep(20 * time.Microsecond) // a slow consumer
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// pending holds 2*workers, plus one job being handed over.
	if limit := int64(2*workers + 1); maxAhead > limit {
		t.Errorf("%d items were processed ahead of the consumer, want at most %d", maxAhead, limit)
	}
}

func TestMapOrderedStopsOnErrors(t *testing.T) {
	before := runtime.NumGoroutine()
	var n int
	err := mapOrdered(context.Background(), numbers(100, 40), 4, func(i int) int { return i }, func(int) error {
		n++
		return nil
	})
	if err == nil || err.Error() != "read failed" {
		t.Fatalf("got error %v, want the read error", err)
	}
	if n != 40 {
		t.Errorf("emitted %d results before the read error, want 40", n)
	}

	stop := errors.New("emit failed")
	n = 0
	err = mapOrdered(context.Background(), numbers(1000, -1), 4, func(i int) int { return i }, func(v int) error {
		n++
		if v == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("got error %v, want the emit error", err)
	}
	if n != 11 {
		t.Errorf("emit called %d times, want 11 (no call after its error)", n)
	}

	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = mapOrdered(ctx, numbers(1_000_000, -1), 2, func(i int) int { return i }, func(v int) error {
		if n++; n == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got error %v after cancelling, want context.Canceled", err)
	}
	time.Sleep(10 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before+1 {
		t.Errorf("%d goroutines left running (was %d)", after, before)
	}
}
