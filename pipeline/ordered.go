package pipeline

import (
	"context"
	"iter"
	"sync"
)

// mapOrdered calls fn on every item that seq yields, on up to workers
// goroutines, and calls emit with each result in the order seq yielded the
// items. At most 2*workers items are in flight, so memory stays flat however
// long seq is. An error from seq or from emit stops the run and is returned
// once the goroutines have finished.
func mapOrdered[In, Out any](ctx context.Context, seq iter.Seq2[In, error], workers int,
	fn func(In) Out, emit func(Out) error) error {
	if workers < 1 {
		workers = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		in  In
		out chan Out
	}
	jobs := make(chan job)
	pending := make(chan chan Out, 2*workers)

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out <- fn(j.in)
			}
		}()
	}

	var readErr error
	go func() {
		defer close(pending)
		defer close(jobs)
		for in, err := range seq {
			if err != nil {
				readErr = err
				return
			}
			out := make(chan Out, 1)
			select {
			case pending <- out:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{in, out}:
			case <-ctx.Done():
				close(out) // the emitter is waiting on it
				return
			}
		}
	}()

	var emitErr error
	for out := range pending {
		r, ok := <-out
		if !ok {
			break // the job was never sent: the run is stopping
		}
		if emitErr == nil {
			if emitErr = emit(r); emitErr != nil {
				cancel()
			}
		}
	}
	wg.Wait()
	if emitErr != nil {
		return emitErr
	}
	if readErr != nil {
		return readErr
	}
	return ctx.Err()
}
