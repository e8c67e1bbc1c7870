package store_test

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/store"
	"mvnk/store/storetest"
)

//go:embed testdata/migrations/*.sql
var testFS embed.FS

func things(testing.TB) store.Migrations {
	return store.Migrations{Component: "things", FS: testFS, Dir: "testdata/migrations"}
}

func TestMigrateFromEmptyAndAgain(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		n, err := db.Migrate(ctx, things(t))
		require.NoError(t, err)
		require.Equal(t, 2, n, "both migrations apply to an empty database")

		n, err = db.Migrate(ctx, things(t))
		require.NoError(t, err)
		require.Zero(t, n, "a second run applies nothing")

		pending, err := db.Pending(ctx, things(t))
		require.NoError(t, err)
		require.Zero(t, pending)

		_, err = db.Exec(`INSERT INTO things (id, name, created_at, counter) VALUES ($1, $2, $3, $4)`,
			store.NewID(), "a", store.Micros(time.Now()), 1)
		require.NoError(t, err, "the column of migration 2 exists")
	})
}

func TestPendingOnEmptyDatabase(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d.String(), func(t *testing.T) {
			db := storetest.OpenEmpty(t, d)
			_, err := db.Pending(context.Background(), things(t))
			require.Error(t, err, "an unmigrated database is not ready")
		})
	}
}

// Several nodes start together: every migration is applied exactly once.
func TestConcurrentMigrate(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d.String(), func(t *testing.T) {
			t.Parallel()
			url := storetest.URL(t, d)
			var wg sync.WaitGroup
			total := make([]int, 4)
			errs := make([]error, 4)
			for i := range total {
				wg.Go(func() {
					db, err := store.Open(context.Background(), url, store.Options{})
					if err != nil {
						errs[i] = err
						return
					}
					defer db.Close()
					total[i], errs[i] = db.Migrate(context.Background(), things(t))
				})
			}
			wg.Wait()
			sum := 0
			for i := range total {
				require.NoError(t, errs[i])
				sum += total[i]
			}
			require.Equal(t, 2, sum, "each migration applied once across all nodes")
		})
	}
}

func TestErrorsAreClassified(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		insert := `INSERT INTO things (id, name, created_at) VALUES ($1, $2, $3)`
		_, err := db.ExecContext(ctx, insert, store.NewID(), "same", 0)
		require.NoError(t, err)
		_, err = db.ExecContext(ctx, insert, store.NewID(), "same", 0)
		require.ErrorIs(t, store.Classify(err), store.ErrConflict)

		var name string
		err = db.QueryRowContext(ctx, `SELECT name FROM things WHERE id = $1`, "missing").Scan(&name)
		require.ErrorIs(t, store.Classify(err), store.ErrNotFound)
		require.False(t, errors.Is(store.Classify(nil), store.ErrNotFound))
	}, things(t))
}

// Instants go in from any zone and come back as the same instant in UTC.
func TestTimeRoundTripIsUTC(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		berlin, err := time.LoadLocation("Europe/Berlin")
		require.NoError(t, err)
		in := time.Date(2026, 3, 29, 2, 30, 0, 123456000, berlin) // DST switch night
		id := store.NewID()
		_, err = db.Exec(`INSERT INTO things (id, name, created_at) VALUES ($1, $2, $3)`, id, "t", store.Micros(in))
		require.NoError(t, err)
		var us int64
		require.NoError(t, db.QueryRow(`SELECT created_at FROM things WHERE id = $1`, id).Scan(&us))
		out := store.FromMicros(us)
		require.True(t, in.Equal(out))
		require.Equal(t, time.UTC, out.Location())
	}, things(t))
}

func TestInTxRollsBackOnError(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		boom := errors.New("boom")
		err := db.InTx(context.Background(), func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO things (id, name, created_at) VALUES ($1, $2, $3)`, "x", "x", 0)
			require.NoError(t, err)
			return boom
		})
		require.ErrorIs(t, err, boom)
		var n int
		require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM things`).Scan(&n))
		require.Zero(t, n)
	}, things(t))
}

func TestParseURL(t *testing.T) {
	cases := []struct {
		in      string
		dialect store.Dialect
		wantErr string
	}{
		{"sqlite:data/mvnk.db", store.SQLite, ""},
		{"sqlite:///tmp/x.db", store.SQLite, ""},
		{"postgres://postgres@127.0.0.1/test", store.Postgres, ""},
		{"postgresql://h/db", store.Postgres, ""},
		{"mysql://h/db", 0, "unknown database driver"},
		{"nothing", 0, "no scheme"},
		{"sqlite:", 0, "no file path"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			d, _, err := store.ParseURL(tc.in)
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.dialect, d)
		})
	}
}

func TestNewSQLiteFileIsPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "mvnk.db")
	db, err := store.Open(context.Background(), "sqlite:"+path, store.Options{})
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Migrate(context.Background(), things(t))
	require.NoError(t, err)
	for _, f := range []string{path, path + "-wal"} {
		info, err := os.Stat(f)
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o600), info.Mode().Perm(), f)
	}
}

func TestDeleteExpiredInBatches(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, err := db.Exec(`CREATE TABLE leases (id TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)`)
		require.NoError(t, err)
		now := time.Now()
		for i := range 25 {
			exp := now.Add(-time.Minute)
			if i%5 == 0 {
				exp = now.Add(time.Hour) // 5 still valid
			}
			_, err := db.Exec(`INSERT INTO leases (id, expires_at) VALUES ($1, $2)`, store.NewID(), store.Micros(exp))
			require.NoError(t, err)
		}
		n, err := db.DeleteExpired(ctx, "leases", "id", now, 7)
		require.NoError(t, err)
		require.EqualValues(t, 20, n, "all expired rows, over several batches")
		var left int
		require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM leases`).Scan(&left))
		require.Equal(t, 5, left)
	})
}
