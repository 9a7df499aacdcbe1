package corpus

import (
	"context"
	"runtime"
	"sync"
)

// Each runs task(i) for every i in [0, n) with at most jobs at once
// (jobs < 1 means one per CPU) and calls emit with the results in order of
// i. At most 2*jobs results wait for an earlier one, so memory stays flat
// whatever n is. When ctx is cancelled no new task starts; Each returns
// ctx's error after the tasks in flight are done and their results, up to
// the first gap, emitted. An error from emit stops the run and is
// returned.
func Each[R any](ctx context.Context, n, jobs int, task func(i int) R, emit func(i int, r R) error) error {
	if jobs < 1 {
		jobs = runtime.NumCPU()
	}
	window := 2 * jobs
	type done struct {
		i int
		r R
	}
	var (
		work    = make(chan int)
		results = make(chan done, window)
		tokens  = make(chan struct{}, window) // one per task started and not yet emitted
		wg      sync.WaitGroup
	)
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results <- done{i, task(i)}
			}
		}()
	}
	stop := make(chan struct{})
	go func() {
		defer close(work)
		for i := range n {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			case <-stop:
				return
			}
			select {
			case work <- i:
			case <-ctx.Done():
				return
			case <-stop:
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	pending := map[int]R{}
	next := 0
	var emitErr error
	for d := range results {
		if emitErr != nil {
			continue // drain the workers
		}
		pending[d.i] = d.r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			<-tokens
			if err := emit(next, r); err != nil {
				emitErr = err
				close(stop)
				break
			}
			next++
		}
	}
	if emitErr != nil {
		return emitErr
	}
	return ctx.Err()
}
