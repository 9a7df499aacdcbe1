package corpus

import (
	"context"
	"runtime"
	"sync"
)

// A Task is the work for one input; it returns the input's result.
type Task func(input string) Result

// Each runs task on every input with at most jobs at once (jobs < 1 means
// one per CPU) and calls emit with the results in input order. At most
// 2*jobs results wait for an earlier one, so memory stays flat whatever
// the number of inputs. When ctx is cancelled no new input starts; Each
// returns ctx's error after the inputs in flight are done. An error from
// emit stops the run and is returned.
func Each(ctx context.Context, inputs []string, jobs int, task Task, emit func(Result) error) error {
	if jobs < 1 {
		jobs = runtime.NumCPU()
	}
	window := 2 * jobs
	type done struct {
		i int
		r Result
	}
	var (
		work    = make(chan int)
		results = make(chan done, window)
		tokens  = make(chan struct{}, window) // one per input started and not yet emitted
		wg      sync.WaitGroup
	)
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results <- done{i, task(inputs[i])}
			}
		}()
	}
	stop := make(chan struct{})
	go func() {
		defer close(work)
		for i := range inputs {
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

	pending := map[int]Result{}
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
			next++
			<-tokens
			if err := emit(r); err != nil {
				emitErr = err
				close(stop)
				break
			}
		}
	}
	if emitErr != nil {
		return emitErr
	}
	return ctx.Err()
}
