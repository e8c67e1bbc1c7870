package bench

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// worker is one simulated client with its own state (a refresh chain, the
// next code). prepare runs outside the measured time; send is measured.
type worker interface {
	prepare(ctx context.Context) error
	send(ctx context.Context) error
}

// limit ends a phase after a duration or a number of requests, and
// always when ctx is cancelled.
type limit struct {
	duration time.Duration // 0: none
	left     *atomic.Int64 // requests still to start; nil: no count
	deadline time.Time     // start of the phase + duration
	rate     float64       // requests/s across all workers; 0: closed loop
	pace     *pacer
}

// take reports whether one more request may start.
func (l limit) take(ctx context.Context) bool {
	if ctx.Err() != nil || (!l.deadline.IsZero() && !time.Now().Before(l.deadline)) {
		return false
	}
	return l.left == nil || l.left.Add(-1) >= 0
}

// runPhase drives every worker in its own goroutine until lim ends the
// phase: closed-loop, or at lim.rate requests/s in all. Requests in flight at a deadline finish and count;
// elapsed runs until the last of them is done.
func runPhase(ctx context.Context, workers []worker, lim limit) ([]*recorder, time.Duration) {
	recs := make([]*recorder, len(workers))
	var wg sync.WaitGroup
	start := time.Now()
	if lim.duration > 0 {
		lim.deadline = start.Add(lim.duration)
	}
	lim.pace = newPacer(lim.rate, start)
	for i, w := range workers {
		recs[i] = newRecorder()
		wg.Go(func() { drive(ctx, w, lim, recs[i]) })
	}
	wg.Wait()
	return recs, time.Since(start)
}

func drive(ctx context.Context, w worker, lim limit, rec *recorder) {
	for lim.take(ctx) {
		if err := w.prepare(ctx); err != nil {
			rec.unsent(ctx, err)
			continue
		}
		start := lim.pace.wait(ctx)
		err := w.send(ctx)
		rec.add(ctx, time.Since(start), err)
	}
}
