package accounts

import "sync"

// Run calls work for each directory, at most parallelism at a time
// (at least one), and done for each result in the order of dirs: done(i)
// is called, from Run's goroutine, once the work of dirs[0..i] has
// returned. A work that fails is a result like any other: it neither
// stops nor hides the others. Run returns when every done has returned.
func Run[R any](dirs []string, parallelism int, work func(dir string) R, done func(i int, dir string, r R)) {
	if parallelism < 1 {
		parallelism = 1
	}
	type result struct {
		i int
		r R
	}
	results := make(chan result)
	sem := make(chan struct{}, parallelism)
	var wg sync.WaitGroup
	go func() {
		for i, d := range dirs {
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := work(d)
				<-sem
				results <- result{i, r}
			}()
		}
		wg.Wait()
		close(results)
	}()
	pending := map[int]R{}
	next := 0
	for res := range results {
		pending[res.i] = res.r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			done(next, dirs[next], r)
			next++
		}
	}
}
