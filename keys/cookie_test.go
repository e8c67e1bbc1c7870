package keys_test

import (
	"context"
	"testing"

	"github.com/gorilla/securecookie"
	"github.com/stretchr/testify/require"

	"mvnk/keys"
	"mvnk/store"
	"mvnk/store/storetest"
)

func TestCookieKeys(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a, b := node(t, db, testConfig(newClock())), node(t, db, testConfig(newClock()))
		first, err := a.CookieKeys(ctx)
		require.NoError(t, err)
		require.Len(t, first, 2, "one pair on first use")
		require.Len(t, first[0], 64, "hash key")
		require.Len(t, first[1], 32, "AES-256 block key")
		fromB, err := b.CookieKeys(ctx)
		require.NoError(t, err)
		require.Equal(t, first, fromB, "every node uses the same pair")

		encoded, err := securecookie.EncodeMulti("session", "v", securecookie.CodecsFromPairs(first...)...)
		require.NoError(t, err)

		require.NoError(t, b.RotateCookieKeys(ctx))
		second, err := a.CookieKeys(ctx)
		require.NoError(t, err)
		require.Len(t, second, 4)
		require.Equal(t, first, second[2:], "the previous pair follows the new one")
		var v string
		require.NoError(t, securecookie.DecodeMulti("session", encoded, &v, securecookie.CodecsFromPairs(second...)...))
		require.Equal(t, "v", v, "a cookie from before the rotation still decodes")

		require.NoError(t, a.RotateCookieKeys(ctx))
		third, err := a.CookieKeys(ctx)
		require.NoError(t, err)
		require.Len(t, third, 4, "only the previous pair is kept")
		require.Equal(t, second[:2], third[2:])
		require.Error(t, securecookie.DecodeMulti("session", encoded, &v, securecookie.CodecsFromPairs(third...)...))
	}, keys.Migrations)
}

func TestCookieKeysNeedTheMasterKey(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		cfg := testConfig(newClock())
		_, err := node(t, db, cfg).CookieKeys(context.Background())
		require.NoError(t, err)
		_, err = keys.New(db, masterKey(2), cfg, nil).CookieKeys(context.Background())
		require.ErrorIs(t, err, keys.ErrUndecryptable)
	}, keys.Migrations)
}
