package keys_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/keys"
	"mvnk/store"
	"mvnk/store/storetest"
)

func TestEnsureCreatesOneActiveKeyPerAlg(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		m := node(t, db, testConfig(newClock()))
		list, err := m.List(context.Background())
		require.NoError(t, err)
		require.Len(t, list, 2)
		for _, k := range list {
			require.Equal(t, keys.StateActive, k.State, "the first key signs at once")
			require.EqualValues(t, 1, k.Generation)
			require.Zero(t, k.PublishedUntil)
			require.Equal(t, k.Created, k.SignsFrom)
		}
		require.NoError(t, m.Ensure(context.Background()))
		require.Equal(t, map[string]int{keys.ES256: 1, keys.RS256: 1}, byAlg(t, m), "Ensure is idempotent")
	}, keys.Migrations)
}

// Done-when: a restart keeps the same keys.
func TestRestartKeepsKeys(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		cfg := testConfig(newClock())
		before := node(t, db, cfg)
		after := node(t, db, cfg)
		require.Equal(t, kids(t, before), kids(t, after))
		a, err := before.JWKS(context.Background())
		require.NoError(t, err)
		b, err := after.JWKS(context.Background())
		require.NoError(t, err)
		require.Equal(t, a, b)
		require.Equal(t, activeKID(t, before, keys.ES256), activeKID(t, after, keys.ES256))
	}, keys.Migrations)
}

// Done-when: `mvnk keys rotate` on one node shows on the other.
func TestSecondNodeSeesRotation(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		clk := newClock()
		a, b := node(t, db, testConfig(clk)), node(t, db, testConfig(clk))
		require.Len(t, kids(t, b), 2)

		rotated, err := a.Rotate(context.Background())
		require.NoError(t, err)
		require.Len(t, rotated, 2)
		require.Len(t, kids(t, a), 4)
		require.Len(t, kids(t, b), 2, "b serves its cache until CacheTTL has passed")

		clk.Advance(10 * time.Second) // default CacheTTL
		require.Equal(t, kids(t, a), kids(t, b))
		require.Len(t, kids(t, b), 4)

		clk.Advance(time.Hour) // default PrePublish
		for _, r := range rotated {
			require.Equal(t, r.KID, activeKID(t, b, r.Alg), "b signs with a's new key")
		}
	}, keys.Migrations)
}

// Past half the cache TTL a node reloads in the background: it keeps
// answering from its cache and sees another node's rotation before the
// TTL is over, without any caller waiting for the database.
func TestReloadAheadOfExpiry(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		clk := newClock()
		a, b := node(t, db, testConfig(clk)), node(t, db, testConfig(clk))
		require.Len(t, kids(t, b), 2)
		_, err := a.Rotate(context.Background())
		require.NoError(t, err)

		clk.Advance(6 * time.Second) // past half the default CacheTTL of 10 s
		require.Len(t, kids(t, b), 2, "the cached snapshot answers at once")
		require.Eventually(t, func() bool { return len(kids(t, b)) == 4 }, 10*time.Second, 5*time.Millisecond,
			"the background reload picked up the rotation")
	}, keys.Migrations)
}

func TestPrePublication(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		clk := newClock()
		m := node(t, db, testConfig(clk))
		old := activeKID(t, m, keys.ES256)
		rotated, err := m.Rotate(context.Background())
		require.NoError(t, err)
		fresh := rotated[0]
		require.Equal(t, keys.ES256, fresh.Alg)
		require.Equal(t, keys.StatePending, fresh.State)
		require.Equal(t, fresh.Created.Add(time.Hour), fresh.SignsFrom)
		require.Contains(t, kids(t, m), fresh.KID, "published before it signs")

		clk.Advance(time.Hour - time.Microsecond)
		require.Equal(t, old, activeKID(t, m, keys.ES256))
		clk.Advance(time.Microsecond)
		require.Equal(t, fresh.KID, activeKID(t, m, keys.ES256))
	}, keys.Migrations)
}
