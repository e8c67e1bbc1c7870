package keys_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/keys"
	"mvnk/store"
	"mvnk/store/storetest"
)

func TestWrongMasterKey(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		cfg := testConfig(newClock())
		node(t, db, cfg)
		m := keys.New(db, masterKey(2), cfg, nil)
		err := m.Ensure(context.Background())
		require.ErrorIs(t, err, keys.ErrUndecryptable)
		require.ErrorContains(t, err, "MVNK_MASTER_KEY changed?")
		_, err = m.JWKS(context.Background())
		require.ErrorIs(t, err, keys.ErrUndecryptable)

		node(t, db, cfg) // the right key still works
	}, keys.Migrations)
}

func TestMasterKeyOfWrongSize(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		m := keys.New(db, make([]byte, 16), testConfig(newClock()), nil)
		require.ErrorContains(t, m.Ensure(context.Background()), "need 32")
	}, keys.Migrations)
}

// A sealed key copied into another row (same alg, so the key type fits)
// must not open: the kid is authenticated as additional data.
func TestCiphertextSwappedBetweenRowsFails(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		cfg := testConfig(newClock())
		cfg.Algorithms = []string{keys.ES256}
		m := node(t, db, cfg)
		_, err := m.Rotate(context.Background())
		require.NoError(t, err)
		list, err := m.List(context.Background())
		require.NoError(t, err)
		require.Len(t, list, 2)

		_, err = db.Exec(`UPDATE signing_keys SET private_key =
			(SELECT private_key FROM signing_keys WHERE kid = $1) WHERE kid = $2`, list[0].KID, list[1].KID)
		require.NoError(t, err)
		err = keys.New(db, masterKey(1), cfg, nil).Ensure(context.Background())
		require.ErrorIs(t, err, keys.ErrUndecryptable)
		require.ErrorContains(t, err, list[1].KID, "the error names the bad row")
	}, keys.Migrations)
}

func TestConfigIsValidated(t *testing.T) {
	cases := map[string]func(*keys.Config){
		"unknown alg":  func(c *keys.Config) { c.Algorithms = []string{"HS256"} },
		"alg twice":    func(c *keys.Config) { c.Algorithms = []string{keys.ES256, keys.ES256} },
		"small RSA":    func(c *keys.Config) { c.RSABits = 1024 },
		"negative ttl": func(c *keys.Config) { c.CacheTTL = -1 },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			cfg := testConfig(newClock())
			mutate(&cfg)
			err := keys.New(nil, masterKey(1), cfg, nil).Ensure(context.Background())
			require.ErrorContains(t, err, "keys: ")
		})
	}
}
