package idp_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// The clean-up deletes expired rows in batches and keeps live ones.
func TestPurgeExpired(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		var offset atomic.Int64
		now := func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
		e := newEnv(t, db, idp.Config{Now: now})
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)
		for range 3 {
			e.login(cfg)
		}
		ctx := context.Background()
		n, err := idp.PurgeExpiredBatch(ctx, e.p, 2)
		require.NoError(t, err)
		require.Zero(t, n, "nothing has expired")

		offset.Store(int64(20 * time.Minute)) // codes and access tokens have
		n, err = idp.PurgeExpiredBatch(ctx, e.p, 2)
		require.NoError(t, err)
		require.Equal(t, int64(6), n)
		require.Equal(t, 3, countRows(t, db), "refresh tokens live on")

		offset.Store(int64(idp.MaxRefreshTokenLifetime))
		require.NoError(t, e.p.PurgeExpired(ctx, ""))
		require.Zero(t, countRows(t, db))
	}, migrations...)
}

func countRows(t *testing.T, db *store.DB) int {
	var n int
	require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM idp_tokens`).Scan(&n))
	return n
}
