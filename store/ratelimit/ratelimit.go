// Package ratelimit counts requests per key in fixed time windows in the
// shared database, so every node sees the same count and a limit holds
// across a cluster (ARCHITECTURE principle 4: no state only in a process).
// One conditional upsert per request; windows that ended are purged by a
// periodic job.
package ratelimit

import (
	"context"
	"embed"
	"math"
	"time"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migrations is the schema of the limiter.
var Migrations = store.Migrations{Component: "ratelimit", FS: migrationFS, Dir: "migrations"}

// JobPurge is the periodic job of Limiter.Purge.
const JobPurge = "ratelimit.purge"

// Rule allows Limit hits per Window; a zero Limit allows everything.
type Rule struct {
	Limit  int
	Window time.Duration
}

// Limiter counts hits in the database.
type Limiter struct {
	db  *store.DB
	Now func() time.Time // the clock; tests set it
}

// New returns the limiter on db.
func New(db *store.DB) *Limiter { return &Limiter{db: db, Now: time.Now} }

// Allow counts one hit for key and tells whether it is within rule; when
// not, retryAfter is the time left in the window (for Retry-After).
func (l *Limiter) Allow(ctx context.Context, key string, rule Rule) (ok bool, retryAfter time.Duration, err error) {
	if rule.Limit <= 0 || rule.Window <= 0 {
		return true, 0, nil
	}
	now := l.Now()
	start := now.Truncate(rule.Window)
	end := start.Add(rule.Window)
	var hits int
	err = l.db.QueryRowContext(ctx, `INSERT INTO rate_limits (key, window_start, window_end, hits)
		VALUES ($1, $2, $3, 1)
		ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1
		RETURNING hits`, key, store.Micros(start), store.Micros(end)).Scan(&hits)
	if err != nil {
		return false, 0, store.Classify(err)
	}
	if hits > rule.Limit {
		return false, end.Sub(now), nil
	}
	return true, 0, nil
}

// Purge deletes the windows that have ended.
func (l *Limiter) Purge(ctx context.Context, _ string) error {
	_, err := l.db.ExecContext(ctx, `DELETE FROM rate_limits WHERE window_end <= $1`, store.Micros(l.Now()))
	return store.Classify(err)
}

// Keyed is the limiter with one rule for the keys under one prefix, e.g.
// every client of an API.
type Keyed struct {
	l      *Limiter
	prefix string
	rule   Rule
}

// Keyed returns the limiter for keys under prefix with rule.
func (l *Limiter) Keyed(prefix string, rule Rule) Keyed {
	return Keyed{l: l, prefix: prefix, rule: rule}
}

// Allow counts one hit for prefix+key.
func (k Keyed) Allow(ctx context.Context, key string) (bool, time.Duration, error) {
	return k.l.Allow(ctx, k.prefix+key, k.rule)
}

// RetryAfter is the whole seconds, at least one, for a Retry-After header
// (RFC 9110 §10.2.3) from what Allow returned.
func RetryAfter(d time.Duration) int { return max(1, int(math.Ceil(d.Seconds()))) }
