// Package store opens the platform's database — an embedded SQLite file by
// default, PostgreSQL through pgx for real deployments — and gives every
// component the same small handle: one portable SQL text per query, with a
// thin Dialect seam only where the two databases truly differ.
//
// Conventions every component follows:
//   - Placeholders are written $1, $2, … ; SQLite (modernc.org/sqlite) and
//     PostgreSQL both bind them by position, so no query is rewritten.
//   - Instants are stored as BIGINT microseconds since the Unix epoch (UTC);
//     see Micros and FromMicros. SQLite has no timestamptz, and a number
//     compares and sorts the same on both backends.
//   - Identifiers are random text (NewID), never autoincrement columns.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// DB is the database handle shared by all components.
type DB struct {
	*sql.DB
	Dialect Dialect
}

// Options tune how a database is opened.
type Options struct {
	// MaxOpenConns caps the connection pool; 0 picks a default per dialect.
	MaxOpenConns int
}

// Open connects to the database named by rawURL and checks that it answers.
// rawURL is "postgres://…" / "postgresql://…" for PostgreSQL or
// "sqlite:PATH" / "sqlite://PATH" for SQLite.
func Open(ctx context.Context, rawURL string, opts Options) (*DB, error) {
	d, dsn, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	if d == SQLite {
		if err := ensureDir(dsn); err != nil {
			return nil, err
		}
		dsn = sqliteDSN(dsn)
	}
	sqlDB, err := sql.Open(d.driver(), dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", d, err)
	}
	configurePool(sqlDB, d, opts)
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := ping(pingCtx, sqlDB); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("%s not reachable: %w", d, err)
	}
	return &DB{DB: sqlDB, Dialect: d}, nil
}

// ping checks the first connection. SQLite may answer SQLITE_BUSY without
// waiting for its busy timeout while several processes open a new file
// at once and one of them switches it to WAL; that is tried again.
func ping(ctx context.Context, db *sql.DB) error {
	for {
		err := db.PingContext(ctx)
		if !isBusy(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// ParseURL splits a database URL into its dialect and the driver's DSN.
func ParseURL(rawURL string) (Dialect, string, error) {
	scheme, rest, ok := strings.Cut(rawURL, ":")
	if !ok {
		return 0, "", fmt.Errorf("%q has no scheme (use sqlite:PATH or postgres://…)", rawURL)
	}
	switch strings.ToLower(scheme) {
	case "postgres", "postgresql":
		if _, err := url.Parse(rawURL); err != nil {
			return 0, "", fmt.Errorf("malformed PostgreSQL URL: %w", err)
		}
		return Postgres, rawURL, nil
	case "sqlite", "sqlite3", "file":
		path := strings.TrimPrefix(rest, "//")
		if path == "" {
			return 0, "", errors.New("sqlite URL has no file path")
		}
		return SQLite, path, nil
	default:
		return 0, "", fmt.Errorf("unknown database driver %q (use sqlite:PATH or postgres://…)", scheme)
	}
}

// sqliteDSN adds the pragmas every SQLite connection needs: WAL so readers
// never block the writer, a busy timeout instead of immediate SQLITE_BUSY,
// enforced foreign keys, and BEGIN IMMEDIATE for every transaction so two
// writers queue up instead of deadlocking on a lock upgrade.
func sqliteDSN(path string) string {
	if p, _, found := strings.Cut(path, "?"); found {
		path = p
	}
	// busy_timeout comes first: the pragmas run in order, and switching a
	// new file to WAL takes a lock that a second process opening it at the
	// same moment must wait for, not fail on (SQLITE_BUSY).
	return "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
}

// ensureDir creates the database's directory and, for a new database, an
// empty file readable only by its owner: it holds personal data and the
// encrypted keys. SQLite gives its -wal and -shm files the same mode.
func ensureDir(path string) error {
	if path == ":memory:" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("create directory for %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	return f.Close()
}

func configurePool(db *sql.DB, d Dialect, opts Options) {
	n := opts.MaxOpenConns
	if n == 0 {
		n = 20
		if d == SQLite {
			n = 8
		}
	}
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	db.SetConnMaxIdleTime(5 * time.Minute)
}

// InTx runs fn in a transaction, committing when fn returns nil.
func (db *DB) InTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return Classify(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return Classify(tx.Commit())
}
