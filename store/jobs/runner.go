package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"time"

	"mvnk/store"
)

// Options tune a Runner.
type Options struct {
	Poll  time.Duration    // how often to look for due jobs; default 2s
	Lease time.Duration    // how long a claim holds and a job may run; default 5m
	Node  string           // this node's name in locked_by; default host:pid:random
	Now   func() time.Time // nil: time.Now
}

// Runner claims and runs due jobs of the kinds it has handlers for.
type Runner struct {
	db       *store.DB
	log      *slog.Logger
	opts     Options
	mu       sync.Mutex
	handlers map[string]Handler
	every    map[string]time.Duration
}

// NewRunner returns a runner; register handlers before Run.
func NewRunner(db *store.DB, logger *slog.Logger, opts Options) *Runner {
	if opts.Poll == 0 {
		opts.Poll = 2 * time.Second
	}
	if opts.Lease == 0 {
		opts.Lease = 5 * time.Minute
	}
	if opts.Node == "" {
		host, _ := os.Hostname()
		opts.Node = fmt.Sprintf("%s:%d:%s", host, os.Getpid(), store.NewID()[:6])
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Runner{db: db, log: logger, opts: opts, handlers: map[string]Handler{}, every: map[string]time.Duration{}}
}

// Handle registers the handler for kind.
func (r *Runner) Handle(kind string, h Handler) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handlers[kind] = h
}

// Every registers h as a periodic job: one row per kind in the whole
// cluster, run by one node each interval.
func (r *Runner) Every(kind string, interval time.Duration, h Handler) {
	r.Handle(kind, h)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.every[kind] = interval
}

// Run schedules the periodic jobs, then claims and runs due jobs until ctx
// ends. A job that is running when ctx ends is allowed to finish (bounded
// by the lease), so a shutdown never cuts a job in half.
func (r *Runner) Run(ctx context.Context) error {
	if err := r.schedulePeriodic(ctx); err != nil {
		if ctx.Err() != nil {
			return nil // stopped while starting
		}
		return err
	}
	ticker := time.NewTicker(r.opts.Poll)
	defer ticker.Stop()
	for {
		if _, err := r.RunDue(ctx); err != nil && ctx.Err() == nil {
			r.log.Error("jobs: run due jobs", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
		}
	}
}

// RunDue runs due jobs one after another until none is due or ctx ends,
// and reports how many ran.
func (r *Runner) RunDue(ctx context.Context) (int, error) {
	n := 0
	for ctx.Err() == nil {
		j, err := r.claim(ctx)
		if errors.Is(err, store.ErrNotFound) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		r.run(ctx, j)
		n++
	}
	return n, nil
}

func (r *Runner) schedulePeriodic(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := store.Micros(r.opts.Now())
	for kind, every := range r.every {
		_, err := r.db.ExecContext(ctx, `INSERT INTO jobs
			(id, kind, unique_key, run_at, interval_us, max_attempts, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, 3, $4, $4)
			ON CONFLICT (unique_key) DO UPDATE SET interval_us = excluded.interval_us`,
			store.NewID(), kind, "every:"+kind, now, every.Microseconds())
		if err != nil {
			return fmt.Errorf("schedule %s: %w", kind, store.Classify(err))
		}
	}
	return nil
}

func (r *Runner) kinds() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	kinds := make([]string, 0, len(r.handlers))
	for k := range r.handlers {
		kinds = append(kinds, k)
	}
	return kinds
}

func placeholders(from, n int) string {
	p := make([]string, n)
	for i := range p {
		p[i] = fmt.Sprintf("$%d", from+i)
	}
	return strings.Join(p, ", ")
}

// backoff is exponential from 10 s, capped at one hour, with jitter so
// failing jobs of many nodes don't retry in lockstep.
func backoff(attempt int) time.Duration {
	d := 10 * time.Second << min(attempt-1, 9)
	d = min(d, time.Hour)
	return d/2 + rand.N(d/2+1)
}
