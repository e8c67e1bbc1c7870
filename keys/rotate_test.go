package keys_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/keys"
	"mvnk/store"
	"mvnk/store/storetest"
)

func TestRetiredKeyPublishedUntilTokensExpire(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		clk := newClock()
		m := node(t, db, testConfig(clk))
		old := activeKID(t, m, keys.ES256)
		_, err := m.Rotate(context.Background())
		require.NoError(t, err)
		clk.Advance(time.Hour) // the new key signs; old is retired
		list, err := m.List(context.Background())
		require.NoError(t, err)
		require.Equal(t, old, list[0].KID)
		require.Equal(t, keys.StateRetired, list[0].State)
		require.Equal(t, list[1].SignsFrom.Add(24*time.Hour), list[0].PublishedUntil)

		clk.Advance(24*time.Hour - time.Microsecond)
		require.Contains(t, kids(t, m), old, "tokens it signed may still be valid")
		clk.Advance(time.Microsecond)
		require.NotContains(t, kids(t, m), old)

		require.NoError(t, m.RotateIfDue(context.Background()))
		require.Equal(t, map[string]int{keys.ES256: 1, keys.RS256: 1}, byAlg(t, m), "retired keys deleted")
	}, keys.Migrations)
}

func TestRotateIfDue(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		clk := newClock()
		a, b := node(t, db, testConfig(clk)), node(t, db, testConfig(clk))
		require.NoError(t, a.RotateIfDue(context.Background()))
		require.Equal(t, map[string]int{keys.ES256: 1, keys.RS256: 1}, byAlg(t, a), "fresh keys are not rotated")

		clk.Advance(30 * 24 * time.Hour)
		require.NoError(t, a.RotateIfDue(context.Background()))
		require.NoError(t, b.RotateIfDue(context.Background()))
		require.Equal(t, map[string]int{keys.ES256: 2, keys.RS256: 2}, byAlg(t, b), "b sees a's rotation as done")
	}, keys.Migrations)
}

// Four nodes run `mvnk keys rotate` at the same instant: one new key per alg.
func TestConcurrentRotate(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		clk := newClock()
		nodes := make([]*keys.Manager, 4)
		for i := range nodes {
			nodes[i] = node(t, db, testConfig(clk))
		}
		results := make([][]keys.KeyInfo, len(nodes))
		errs := make([]error, len(nodes))
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i, m := range nodes {
			wg.Go(func() {
				<-start
				results[i], errs[i] = m.Rotate(context.Background())
			})
		}
		close(start)
		wg.Wait()
		for i := range nodes {
			require.NoError(t, errs[i])
			require.Equal(t, results[0], results[i], "every node reports the same new keys")
		}
		require.Equal(t, map[string]int{keys.ES256: 2, keys.RS256: 2}, byAlg(t, nodes[0]))
	}, keys.Migrations)
}

// Four nodes start on an empty database at once: one key per alg.
func TestConcurrentEnsure(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		cfg := testConfig(newClock())
		nodes := make([]*keys.Manager, 4)
		errs := make([]error, len(nodes))
		var wg sync.WaitGroup
		for i := range nodes {
			nodes[i] = keys.New(db, masterKey(1), cfg, nil)
			wg.Go(func() { errs[i] = nodes[i].Ensure(context.Background()) })
		}
		wg.Wait()
		for i, m := range nodes {
			require.NoError(t, errs[i])
			require.Equal(t, activeKID(t, nodes[0], keys.RS256), activeKID(t, m, keys.RS256))
		}
		require.Equal(t, map[string]int{keys.ES256: 1, keys.RS256: 1}, byAlg(t, nodes[0]))
	}, keys.Migrations)
}

func TestRotateBeforeEnsureFails(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		m := keys.New(db, masterKey(1), testConfig(newClock()), nil)
		_, err := m.Rotate(context.Background())
		require.ErrorContains(t, err, "Ensure")
		_, err = m.SigningKey(context.Background(), keys.ES256)
		require.ErrorContains(t, err, "no active ES256 signing key")
	}, keys.Migrations)
}
