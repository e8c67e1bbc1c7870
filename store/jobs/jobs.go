// Package jobs is the database-backed background job runner every
// component uses for clean-up, outbox delivery and key rotation. It is safe
// with many nodes on one database: a due job is claimed by exactly one node
// (FOR UPDATE SKIP LOCKED on PostgreSQL, the single writer on SQLite), and
// a claim lapses when its node dies, so another node picks the job up.
package jobs

import (
	"context"
	"database/sql"
	"embed"
	"time"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migrations creates the jobs table.
var Migrations = store.Migrations{Component: "jobs", FS: migrationFS, Dir: "migrations"}

// Handler runs one job. An error schedules a retry with back-off.
type Handler func(ctx context.Context, payload string) error

// Execer is a *sql.DB or *sql.Tx: Enqueue inside a caller's transaction
// makes the job part of that commit (the outbox pattern).
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Job describes a job to enqueue.
type Job struct {
	Kind        string
	Payload     string
	RunAt       time.Time // zero: now
	UniqueKey   string    // non-empty: a second job with the same key is not added
	MaxAttempts int       // zero: 10
}

// Enqueue adds a job. With a UniqueKey that already exists it does nothing.
func Enqueue(ctx context.Context, ex Execer, j Job) error {
	now := time.Now()
	if j.RunAt.IsZero() {
		j.RunAt = now
	}
	if j.MaxAttempts == 0 {
		j.MaxAttempts = 10
	}
	var unique any
	if j.UniqueKey != "" {
		unique = j.UniqueKey
	}
	_, err := ex.ExecContext(ctx, `INSERT INTO jobs
		(id, kind, payload, unique_key, run_at, max_attempts, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
		ON CONFLICT (unique_key) DO NOTHING`,
		store.NewID(), j.Kind, j.Payload, unique, store.Micros(j.RunAt), j.MaxAttempts, store.Micros(now))
	return store.Classify(err)
}
