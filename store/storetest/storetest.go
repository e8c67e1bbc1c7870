// Package storetest is the conformance harness: it runs a component's store
// tests against SQLite always and against PostgreSQL when
// MVNK_TEST_POSTGRES_URL is set, each test on a fresh database (a temporary
// SQLite file, or a PostgreSQL schema of its own) so tests run in parallel.
package storetest

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/store"
)

// EnvPostgresURL names the variable that enables the PostgreSQL backend.
const EnvPostgresURL = "MVNK_TEST_POSTGRES_URL"

// Dialects lists the backends the harness runs on.
var Dialects = []store.Dialect{store.SQLite, store.Postgres}

// Run runs fn once per backend as parallel subtests named "sqlite" and
// "postgres", each on a fresh database migrated with sets.
func Run(t *testing.T, fn func(t *testing.T, db *store.DB), sets ...store.Migrations) {
	t.Helper()
	for _, d := range Dialects {
		t.Run(d.String(), func(t *testing.T) {
			t.Parallel()
			fn(t, Open(t, d, sets...))
		})
	}
}

// Open returns a fresh, migrated database of dialect d, removed when the
// test ends. Without MVNK_TEST_POSTGRES_URL the PostgreSQL case is skipped.
func Open(t testing.TB, d store.Dialect, sets ...store.Migrations) *store.DB {
	t.Helper()
	db := OpenEmpty(t, d)
	_, err := db.Migrate(context.Background(), sets...)
	require.NoError(t, err)
	return db
}

// OpenEmpty is Open without migrations.
func OpenEmpty(t testing.TB, d store.Dialect) *store.DB {
	t.Helper()
	rawURL := URL(t, d)
	db, err := store.Open(context.Background(), rawURL, store.Options{MaxOpenConns: 4})
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

// URL returns the address of a fresh, empty database of dialect d. Each
// call gives a new database; several handles may open the same URL.
func URL(t testing.TB, d store.Dialect) string {
	t.Helper()
	if d == store.SQLite {
		return "sqlite:" + filepath.Join(t.TempDir(), "mvnk.db")
	}
	base := os.Getenv(EnvPostgresURL)
	if base == "" {
		t.Skipf("PostgreSQL backend skipped: set %s (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable); CI sets it", EnvPostgresURL)
	}
	return freshSchema(t, base)
}

// freshSchema creates a schema named after a random id and returns base
// with search_path pointing at it; the schema is dropped after the test.
func freshSchema(t testing.TB, base string) string {
	t.Helper()
	admin, err := store.Open(context.Background(), base, store.Options{MaxOpenConns: 1})
	require.NoError(t, err)
	schema := "t_" + strings.ToLower(store.NewID())
	_, err = admin.Exec(`CREATE SCHEMA ` + schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, _ = admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	u, err := url.Parse(base)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
