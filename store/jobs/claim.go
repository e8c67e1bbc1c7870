package jobs

import (
	"context"
	"fmt"
	"time"

	"mvnk/store"
)

type claimed struct {
	id, kind, payload     string
	attempts, maxAttempts int
	interval              time.Duration
}

// claim takes the oldest due job of a kind this runner handles. The
// sub-select picks one row and the UPDATE marks it as ours in one
// statement; on PostgreSQL the row lock is skipped by other claimers.
func (r *Runner) claim(ctx context.Context) (claimed, error) {
	kinds := r.kinds()
	if len(kinds) == 0 {
		return claimed{}, store.ErrNotFound
	}
	now := store.Micros(r.opts.Now())
	args := []any{r.opts.Node, now + r.opts.Lease.Microseconds(), now}
	for _, k := range kinds {
		args = append(args, k)
	}
	q := `UPDATE jobs SET locked_by = $1, locked_until = $2, attempts = attempts + 1, updated_at = $3
		WHERE id = (SELECT id FROM jobs
			WHERE state = 'pending' AND run_at <= $3 AND locked_until <= $3
			AND kind IN (` + placeholders(4, len(kinds)) + `)
			ORDER BY run_at LIMIT 1` + r.db.Dialect.SkipLocked() + `)
		RETURNING id, kind, payload, attempts, max_attempts, interval_us`
	var c claimed
	var interval int64
	err := r.db.QueryRowContext(ctx, q, args...).Scan(&c.id, &c.kind, &c.payload, &c.attempts, &c.maxAttempts, &interval)
	c.interval = time.Duration(interval) * time.Microsecond
	return c, store.Classify(err)
}

// run executes a claimed job and records the outcome. The job's context
// does not end with ctx: a shutdown waits for it, up to the lease.
func (r *Runner) run(ctx context.Context, c claimed) {
	h := r.handlers[c.kind]
	jobCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.opts.Lease)
	defer cancel()
	started := time.Now()
	err := safeCall(jobCtx, h, c.payload)
	log := r.log.With("job", c.id, "kind", c.kind, "attempt", c.attempts, "took", time.Since(started))
	if err == nil {
		log.Debug("jobs: done")
		r.record(jobCtx, c, r.succeeded(c))
		return
	}
	log.Warn("jobs: failed", "err", err)
	r.record(jobCtx, c, r.failed(c, err))
}

func safeCall(ctx context.Context, h Handler, payload string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &panicError{p}
		}
	}()
	return h(ctx, payload)
}

type update struct {
	query string
	args  []any
}

// succeeded: a one-off job is deleted, a periodic one is set to its next run.
// Every outcome query checks locked_by, so a node whose lease lapsed can't
// overwrite the work of the node that took the job over.
func (r *Runner) succeeded(c claimed) update {
	now := r.opts.Now()
	if c.interval > 0 {
		return update{`UPDATE jobs SET run_at = $3, attempts = 0, locked_by = NULL, locked_until = 0,
			last_error = NULL, updated_at = $4 WHERE id = $1 AND locked_by = $2`,
			[]any{c.id, r.opts.Node, store.Micros(now.Add(c.interval)), store.Micros(now)}}
	}
	return update{`DELETE FROM jobs WHERE id = $1 AND locked_by = $2`, []any{c.id, r.opts.Node}}
}

// failed: retry with back-off; a periodic job waits for its next period;
// a one-off job out of attempts is kept as 'failed' for inspection.
func (r *Runner) failed(c claimed, jobErr error) update {
	now := r.opts.Now()
	next, state := now.Add(backoff(c.attempts)), "pending"
	attempts := c.attempts
	switch {
	case c.attempts < c.maxAttempts:
	case c.interval > 0:
		next, attempts = now.Add(c.interval), 0
	default:
		state = "failed"
	}
	return update{`UPDATE jobs SET state = $3, run_at = $4, attempts = $5, locked_by = NULL, locked_until = 0,
		last_error = $6, updated_at = $7 WHERE id = $1 AND locked_by = $2`,
		[]any{c.id, r.opts.Node, state, store.Micros(next), attempts, truncate(jobErr.Error(), 2000), store.Micros(now)}}
}

func (r *Runner) record(ctx context.Context, c claimed, u update) {
	if _, err := r.db.ExecContext(ctx, u.query, u.args...); err != nil {
		r.log.Error("jobs: record outcome", "job", c.id, "err", err)
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

type panicError struct{ v any }

func (p *panicError) Error() string { return fmt.Sprintf("panic: %v", p.v) }
