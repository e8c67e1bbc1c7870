package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Dialect is the seam between the two databases. Everything that differs
// between SQLite and PostgreSQL is a method here; queries stay one text.
type Dialect int

const (
	SQLite Dialect = iota + 1
	Postgres
)

func (d Dialect) String() string {
	switch d {
	case SQLite:
		return "sqlite"
	case Postgres:
		return "postgres"
	}
	return "unknown"
}

func (d Dialect) driver() string {
	if d == Postgres {
		return "pgx"
	}
	return "sqlite"
}

// SkipLocked is appended to a SELECT that claims rows for one worker among
// many. PostgreSQL needs FOR UPDATE SKIP LOCKED; SQLite has a single writer,
// so the surrounding UPDATE is already atomic.
func (d Dialect) SkipLocked() string {
	if d == Postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// lock takes the database-wide migration lock on conn and returns its
// release. PostgreSQL: a session advisory lock, keyed by the current schema
// so parallel test schemas don't wait for each other. SQLite: BEGIN
// IMMEDIATE, which holds the file's write lock until COMMIT.
func (d Dialect) lock(ctx context.Context, conn *sql.Conn) (release func() error, err error) {
	if d == Postgres {
		const key = "SELECT pg_advisory_lock(hashtext('mvnk.migrate.' || current_schema()))"
		if _, err := conn.ExecContext(ctx, key); err != nil {
			return nil, fmt.Errorf("take migration lock: %w", err)
		}
		return func() error {
			_, err := conn.ExecContext(context.Background(),
				"SELECT pg_advisory_unlock(hashtext('mvnk.migrate.' || current_schema()))")
			return err
		}, nil
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return nil, fmt.Errorf("take migration lock: %w", err)
	}
	return func() error {
		_, err := conn.ExecContext(context.Background(), "COMMIT")
		return err
	}, nil
}

// migrationInOwnTx reports whether each migration runs in a transaction of
// its own. On SQLite the whole run already is one transaction (the lock).
func (d Dialect) migrationInOwnTx() bool { return d == Postgres }

// Classify maps driver errors onto the store's sentinels so callers can use
// errors.Is without knowing the backend.
func Classify(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && (pgErr.Code == "23505" || pgErr.Code == "40001") {
		return fmt.Errorf("%w: %w", ErrConflict, err)
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		switch sqErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%w: %w", ErrConflict, err)
		}
	}
	return err
}

// isBusy: SQLite could not take a lock (SQLITE_BUSY and its extended codes).
func isBusy(err error) bool {
	var sqErr *sqlite.Error
	return errors.As(err, &sqErr) && sqErr.Code()&0xff == sqlite3.SQLITE_BUSY
}
