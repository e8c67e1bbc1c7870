package bench

import (
	"context"
	"sync/atomic"
	"time"
)

// pacer hands out send times at a fixed rate across all workers (an open
// load: the arrival rate does not drop when the server slows down). A
// request's latency is counted from its scheduled time, so time spent
// waiting for a free worker shows in the figures (no coordinated
// omission).
type pacer struct {
	start    time.Time
	interval time.Duration
	n        atomic.Int64
}

func newPacer(rate float64, start time.Time) *pacer {
	if rate <= 0 {
		return nil
	}
	return &pacer{start: start, interval: time.Duration(float64(time.Second) / rate)}
}

// wait blocks until the next slot and returns its scheduled time; without
// a pacer it returns now at once.
func (p *pacer) wait(ctx context.Context) time.Time {
	if p == nil {
		return time.Now()
	}
	due := p.start.Add(time.Duration(p.n.Add(1)-1) * p.interval)
	if d := time.Until(due); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
		case <-t.C:
		}
	}
	return due
}
