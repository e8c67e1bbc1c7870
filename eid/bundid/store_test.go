package bundid

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/eid"
	"mvnk/eid/trust"
	"mvnk/store"
	"mvnk/store/storetest"
)

func TestStoreTakeOnce(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		s, now := NewStore(db), time.Now()
		p := pending{RequestID: "id-1", MinLevel: trust.Hoch, ReturnURL: testACS, ExpiresAt: now.Add(time.Minute)}
		require.NoError(t, s.Put(t.Context(), "h1", p, now))
		require.ErrorIs(t, s.Put(t.Context(), "h1", p, now), store.ErrConflict)

		got, err := s.Take(t.Context(), "h1", now)
		require.NoError(t, err)
		require.Equal(t, "id-1", got.RequestID)
		require.Equal(t, trust.Hoch, got.MinLevel)
		require.Equal(t, testACS, got.ReturnURL)
		require.True(t, got.ExpiresAt.Equal(p.ExpiresAt.Truncate(time.Microsecond)))
		require.Equal(t, time.UTC, got.ExpiresAt.Location(), "instants come back in UTC")

		_, err = s.Take(t.Context(), "h1", now)
		require.ErrorIs(t, err, eid.ErrUnknownHandle, "taken once")
		_, err = s.Take(t.Context(), "never", now)
		require.ErrorIs(t, err, eid.ErrUnknownHandle)
	}, Migrations)
}

func TestStoreExpiry(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		s, now := NewStore(db), time.Now()
		p := pending{RequestID: "id-2", MinLevel: trust.Basis, ReturnURL: testACS, ExpiresAt: now.Add(time.Minute)}
		require.NoError(t, s.Put(t.Context(), "late", p, now))
		_, err := s.Take(t.Context(), "late", now.Add(2*time.Minute))
		require.ErrorIs(t, err, eid.ErrUnknownHandle, "an expired request is not answered")

		require.NoError(t, s.Put(t.Context(), "old", p, now))
		require.NoError(t, s.Put(t.Context(), "fresh", pending{RequestID: "id-3", ReturnURL: testACS, ExpiresAt: now.Add(time.Hour)}, now))
		c := replayCache{ctx: t.Context(), s: s}
		require.NoError(t, c.Consume("_old", now.Add(time.Minute)))
		require.NoError(t, s.Purge(t.Context(), now.Add(2*time.Minute)))
		_, err = s.Take(t.Context(), "old", now)
		require.ErrorIs(t, err, eid.ErrUnknownHandle, "purged")
		_, err = s.Take(t.Context(), "fresh", now)
		require.NoError(t, err, "not yet expired: kept")
		require.NoError(t, c.Consume("_old", now.Add(time.Minute)), "its replay record purged")
	}, Migrations)
}
