package ratelimit_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/store"
	"mvnk/store/ratelimit"
	"mvnk/store/storetest"
)

func limiter(db *store.DB, now *time.Time) *ratelimit.Limiter {
	l := ratelimit.New(db)
	l.Now = func() time.Time { return *now }
	return l
}

// The limit holds per key and window, the next window starts afresh, and
// Retry-After names the rest of the window.
func TestAllowPerKeyAndWindow(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 10, 0, 30, 0, time.UTC)
		l := limiter(db, &now)
		rule := ratelimit.Rule{Limit: 3, Window: time.Minute}
		for range 3 {
			ok, _, err := l.Allow(ctx, "client:a", rule)
			require.NoError(t, err)
			require.True(t, ok)
		}
		ok, retry, err := l.Allow(ctx, "client:a", rule)
		require.NoError(t, err)
		require.False(t, ok)
		require.Equal(t, 30*time.Second, retry)
		ok, _, err = l.Allow(ctx, "client:b", rule)
		require.NoError(t, err)
		require.True(t, ok, "another key has its own count")

		now = now.Add(time.Minute)
		ok, _, err = l.Allow(ctx, "client:a", rule)
		require.NoError(t, err)
		require.True(t, ok, "a new window")

		require.NoError(t, l.Purge(ctx, ""))
		var rows int
		require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM rate_limits`).Scan(&rows))
		require.Equal(t, 1, rows, "only the current window is kept")
	}, ratelimit.Migrations)
}

// Parallel hits are each counted: exactly the limit passes.
func TestAllowParallel(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
		l := limiter(db, &now)
		var passed atomic.Int32
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(func() {
				ok, _, err := l.Allow(context.Background(), "k", ratelimit.Rule{Limit: 7, Window: time.Hour})
				require.NoError(t, err)
				if ok {
					passed.Add(1)
				}
			})
		}
		wg.Wait()
		require.Equal(t, int32(7), passed.Load())
	}, ratelimit.Migrations)
}

func TestZeroLimitAllowsAll(t *testing.T) {
	now := time.Now()
	l := limiter(nil, &now)
	ok, _, err := l.Allow(context.Background(), "k", ratelimit.Rule{})
	require.NoError(t, err)
	require.True(t, ok)
}

func TestRetryAfterRoundsUpToWholeSeconds(t *testing.T) {
	require.Equal(t, 1, ratelimit.RetryAfter(0))
	require.Equal(t, 1, ratelimit.RetryAfter(300*time.Millisecond))
	require.Equal(t, 45, ratelimit.RetryAfter(44*time.Second+time.Millisecond))
}
