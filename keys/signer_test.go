package keys_test

import (
	"context"
	"testing"

	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"

	"mvnk/keys"
	"mvnk/store"
	"mvnk/store/storetest"
)

var algs = []jose.SignatureAlgorithm{jose.ES256, jose.RS256}

// verify checks a compact JWS against the published JWKS, as a relying
// party does, and returns its protected header and payload.
func verify(t testing.TB, m *keys.Manager, token string) (jose.Header, []byte) {
	t.Helper()
	jws, err := jose.ParseSignedCompact(token, algs)
	require.NoError(t, err)
	set, err := m.JWKS(context.Background())
	require.NoError(t, err)
	h := jws.Signatures[0].Header
	published := set.Key(h.KeyID)
	require.Len(t, published, 1, "kid %q is published", h.KeyID)
	require.Equal(t, h.Algorithm, published[0].Algorithm)
	payload, err := jws.Verify(published[0])
	require.NoError(t, err)
	return h, payload
}

func TestSign(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		m := node(t, db, testConfig(newClock()))
		for _, tc := range []struct{ alg, want, typ string }{
			{"", keys.ES256, "JWT"},
			{keys.ES256, keys.ES256, "at+jwt"},
			{keys.RS256, keys.RS256, "logout+jwt"},
		} {
			token, err := m.Sign(context.Background(), tc.alg, []byte(`{"sub":"x"}`), tc.typ)
			require.NoError(t, err)
			h, payload := verify(t, m, token)
			require.Equal(t, tc.want, h.Algorithm)
			require.Equal(t, activeKID(t, m, tc.want), h.KeyID)
			require.Equal(t, tc.typ, h.ExtraHeaders[jose.HeaderType])
			require.JSONEq(t, `{"sub":"x"}`, string(payload))
		}
		_, err := m.Sign(context.Background(), "PS256", []byte(`{}`), "JWT")
		require.ErrorContains(t, err, "no active PS256")
	}, keys.Migrations)
}

func BenchmarkSign(b *testing.B) {
	db := storetest.Open(b, store.SQLite, keys.Migrations)
	m := node(b, db, keys.Config{Algorithms: []string{keys.ES256}})
	ctx := context.Background()
	payload := []byte(`{"iss":"https://id.example","sub":"x","aud":"client","exp":1900000000}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Sign(ctx, keys.ES256, payload, "JWT"); err != nil {
			b.Fatal(err)
		}
	}
}
