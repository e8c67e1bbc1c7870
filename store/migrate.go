package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Migrations is one component's schema history: files named
// "NNN_description.sql" in directory Dir of FS (usually the component's
// `//go:embed migrations/*.sql` with Dir "migrations"), applied in version
// order. Where the dialects truly differ, "NNN_description.postgres.sql" or
// "NNN_description.sqlite.sql" replaces the portable file for that dialect.
type Migrations struct {
	Component string
	FS        fs.FS
	Dir       string // "" = the root of FS
}

type migration struct {
	version int
	name    string
	sql     string
}

const migrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	component  TEXT   NOT NULL,
	version    BIGINT NOT NULL,
	name       TEXT   NOT NULL,
	applied_at BIGINT NOT NULL,
	PRIMARY KEY (component, version)
)`

// Migrate applies every pending migration of the given components under the
// database-wide migration lock, so several nodes starting at once apply each
// migration exactly once. It reports how many it applied.
func (db *DB) Migrate(ctx context.Context, sets ...Migrations) (applied int, err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	release, err := db.Dialect.lock(ctx, conn)
	if err != nil {
		return 0, err
	}
	defer func() {
		if rerr := release(); rerr != nil && err == nil {
			err = fmt.Errorf("release migration lock: %w", rerr)
		}
	}()
	if _, err := conn.ExecContext(ctx, migrationsTable); err != nil {
		return 0, fmt.Errorf("create schema_migrations: %w", err)
	}
	for _, set := range sets {
		n, err := db.migrateSet(ctx, conn, set)
		applied += n
		if err != nil {
			return applied, err
		}
	}
	return applied, nil
}

func (db *DB) migrateSet(ctx context.Context, conn *sql.Conn, set Migrations) (int, error) {
	list, err := set.load(db.Dialect)
	if err != nil {
		return 0, err
	}
	done, err := appliedVersions(ctx, conn, set.Component)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, m := range list {
		if done[m.version] {
			continue
		}
		if err := db.apply(ctx, conn, set.Component, m); err != nil {
			return n, fmt.Errorf("migration %s/%03d_%s: %w", set.Component, m.version, m.name, err)
		}
		n++
	}
	return n, nil
}

func (db *DB) apply(ctx context.Context, conn *sql.Conn, component string, m migration) error {
	run := func(ex interface {
		ExecContext(context.Context, string, ...any) (sql.Result, error)
	}) error {
		if _, err := ex.ExecContext(ctx, m.sql); err != nil {
			return err
		}
		_, err := ex.ExecContext(ctx,
			`INSERT INTO schema_migrations (component, version, name, applied_at) VALUES ($1, $2, $3, $4)`,
			component, m.version, m.name, Micros(time.Now()))
		return err
	}
	if !db.Dialect.migrationInOwnTx() {
		return run(conn)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := run(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

func appliedVersions(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, component string) (map[int]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT version FROM schema_migrations WHERE component = $1`, component)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	done := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		done[v] = true
	}
	return done, rows.Err()
}

// Pending counts the migrations of the given components not yet applied.
// /readyz uses it: a node is ready only on a fully migrated database.
func (db *DB) Pending(ctx context.Context, sets ...Migrations) (int, error) {
	var exists int
	err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&exists)
	if err != nil {
		return 0, fmt.Errorf("schema_migrations unreadable (not migrated?): %w", err)
	}
	pending := 0
	for _, set := range sets {
		list, err := set.load(db.Dialect)
		if err != nil {
			return 0, err
		}
		done, err := appliedVersions(ctx, db, set.Component)
		if err != nil {
			return 0, err
		}
		for _, m := range list {
			if !done[m.version] {
				pending++
			}
		}
	}
	return pending, nil
}

// load reads the set's files for dialect d, sorted by version. Two portable
// files with one version are an error; a dialect variant replaces its
// portable twin.
func (s Migrations) load(d Dialect) ([]migration, error) {
	dir := s.Dir
	if dir == "" {
		dir = "."
	}
	entries, err := fs.ReadDir(s.FS, dir)
	if err != nil {
		return nil, fmt.Errorf("%s migrations: %w", s.Component, err)
	}
	portable, variants := map[int]migration{}, map[int]migration{}
	for _, e := range entries {
		m, variant, ok := parseMigrationName(e.Name())
		if !ok || (variant != "" && variant != d.String()) {
			continue
		}
		body, err := fs.ReadFile(s.FS, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		m.sql = string(body)
		target := portable
		if variant != "" {
			target = variants
		}
		if _, dup := target[m.version]; dup {
			return nil, fmt.Errorf("%s migrations: version %d defined twice", s.Component, m.version)
		}
		target[m.version] = m
	}
	for v, m := range variants {
		portable[v] = m
	}
	list := make([]migration, 0, len(portable))
	for _, m := range portable {
		list = append(list, m)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].version < list[j].version })
	return list, nil
}

// parseMigrationName splits "001_init.sql" or "001_init.postgres.sql".
func parseMigrationName(file string) (m migration, variant string, ok bool) {
	base, found := strings.CutSuffix(path.Base(file), ".sql")
	if !found {
		return m, "", false
	}
	if stem, v, hasVariant := strings.Cut(base, "."); hasVariant {
		base, variant = stem, v
	}
	num, name, found := strings.Cut(base, "_")
	version, err := strconv.Atoi(num)
	if !found || err != nil || version <= 0 {
		return m, "", false
	}
	return migration{version: version, name: name}, variant, true
}
