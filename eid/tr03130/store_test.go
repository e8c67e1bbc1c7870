package tr03130

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/store"
	"mvnk/store/storetest"
)

func testSession(handle string, now time.Time) session {
	return session{
		Handle: handle, SessionID: "sid", PSKID: "pskid", PSKSealed: "sealed",
		ServerAddress: "https://eid.example/paos", ReturnURL: "https://idp.example/cb",
		MinLevel: trust.Substanziell, CreatedAt: now, ExpiresAt: now.Add(time.Minute),
	}
}

func TestSessionStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx, s := context.Background(), sessions{db: db}
		now := time.Date(2026, 11, 25, 12, 0, 0, 123000, time.FixedZone("CET", 3600))
		x := testSession("h1", now)
		require.NoError(t, s.create(ctx, x))
		require.ErrorIs(t, s.create(ctx, x), store.ErrConflict)

		got, err := s.get(ctx, "h1", now)
		require.NoError(t, err)
		require.Equal(t, "sid", got.SessionID)
		require.Equal(t, trust.Substanziell, got.MinLevel)
		require.True(t, got.ExpiresAt.Equal(x.ExpiresAt))
		require.Equal(t, time.UTC, got.ExpiresAt.Location())

		_, err = s.get(ctx, "h1", now.Add(2*time.Minute))
		require.ErrorIs(t, err, store.ErrNotFound, "expired")
		_, err = s.get(ctx, "nope", now)
		require.ErrorIs(t, err, store.ErrNotFound)

		require.NoError(t, s.delete(ctx, "h1"))
		_, err = s.get(ctx, "h1", now)
		require.ErrorIs(t, err, store.ErrNotFound)
	}, Migrations)
}

// Concurrent getResult calls never share a RequestCounter.
func TestSessionCounterIsUnique(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx, s := context.Background(), sessions{db: db}
		now := time.Now()
		require.NoError(t, s.create(ctx, testSession("h", now)))
		var mu sync.Mutex
		seen := map[int64]bool{}
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				n, err := s.nextCounter(ctx, "h", now)
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					t.Error(err)
				}
				seen[n] = true
			})
		}
		wg.Wait()
		require.Len(t, seen, 8)
		for n := int64(1); n <= 8; n++ {
			require.True(t, seen[n], n)
		}
		_, err := s.nextCounter(ctx, "h", now.Add(time.Hour))
		require.ErrorIs(t, err, store.ErrNotFound, "no counter for an expired session")
	}, Migrations)
}

func TestSessionPurge(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx, s := context.Background(), sessions{db: db}
		now := time.Now()
		require.NoError(t, s.create(ctx, testSession("old", now.Add(-time.Hour))))
		require.NoError(t, s.create(ctx, testSession("new", now)))
		n, err := s.purge(ctx, now)
		require.NoError(t, err)
		require.EqualValues(t, 1, n)
		_, err = s.get(ctx, "new", now)
		require.NoError(t, err)
	}, Migrations)
}
