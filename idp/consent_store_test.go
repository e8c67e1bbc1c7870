package idp_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// Consents are stored per account and client: a later Put replaces the
// scopes and keeps the day the consent began; Revoke and RevokeAll delete.
func TestConsentStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := idp.NewConsentStore(db)
		_, err := s.Get(ctx, "acc1", "c1")
		require.ErrorIs(t, err, store.ErrNotFound)
		require.ErrorIs(t, s.Revoke(ctx, "acc1", "c1"), store.ErrNotFound)

		require.NoError(t, s.Put(ctx, "acc1", "c1", []string{"openid", "profile"}))
		first, err := s.Get(ctx, "acc1", "c1")
		require.NoError(t, err)
		require.Equal(t, []string{"openid", "profile"}, first.Scopes)
		require.Equal(t, time.UTC, first.GrantedAt.Location())

		require.NoError(t, s.Put(ctx, "acc1", "c1", []string{"openid", "profile", "email"}))
		again, err := s.Get(ctx, "acc1", "c1")
		require.NoError(t, err)
		require.Equal(t, []string{"openid", "profile", "email"}, again.Scopes)
		require.True(t, first.GrantedAt.Equal(again.GrantedAt), "widening keeps the start")

		require.NoError(t, s.Put(ctx, "acc1", "c2", []string{"openid"}))
		require.NoError(t, s.Put(ctx, "acc2", "c1", []string{"openid"}))
		list, err := s.List(ctx, "acc1")
		require.NoError(t, err)
		require.Len(t, list, 2)

		require.NoError(t, s.Revoke(ctx, "acc1", "c1"))
		_, err = s.Get(ctx, "acc1", "c1")
		require.ErrorIs(t, err, store.ErrNotFound)
		require.NoError(t, s.RevokeAll(ctx, "acc1"))
		list, err = s.List(ctx, "acc1")
		require.NoError(t, err)
		require.Empty(t, list)
		_, err = s.Get(ctx, "acc2", "c1")
		require.NoError(t, err, "another account's consent stays")
	}, idp.Migrations)
}
