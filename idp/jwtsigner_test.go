package idp_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/ory/fosite/token/jwt"
	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/keys"
	"mvnk/store"
	"mvnk/store/storetest"
)

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

func manager(t *testing.T, db *store.DB, c *clock) *keys.Manager {
	m := keys.New(db, make([]byte, 32), keys.Config{RSABits: 2048, Now: c.Now}, nil)
	require.NoError(t, m.Ensure(context.Background()))
	return m
}

// claims are dated by the real clock: fosite checks iat and exp with it.
func claims() jwt.MapClaims {
	now := time.Now()
	return jwt.MapClaims{"sub": "citizen-1", "iat": now.Unix(), "exp": now.Add(2 * time.Hour).Unix()}
}

// A token made through fosite's interface verifies with go-jose v4 against
// the published JWKS, as a relying party would do it.
func TestJWTSignerVerifiesAgainstJWKS(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		c := &clock{now: time.Now()}
		m := manager(t, db, c)
		for _, alg := range []string{keys.ES256, keys.RS256} {
			var signer jwt.Signer = idp.NewJWTSigner(m, alg)
			token, sig, err := signer.Generate(context.Background(), claims(), &jwt.Headers{})
			require.NoError(t, err)

			jws, err := jose.ParseSignedCompact(token, []jose.SignatureAlgorithm{jose.ES256, jose.RS256})
			require.NoError(t, err)
			h := jws.Signatures[0].Header
			active, err := m.SigningKey(context.Background(), alg)
			require.NoError(t, err)
			require.Equal(t, active.KID, h.KeyID)
			require.Equal(t, alg, h.Algorithm)

			set, err := m.JWKS(context.Background())
			require.NoError(t, err)
			payload, err := jws.Verify(set.Key(h.KeyID)[0])
			require.NoError(t, err)
			var got map[string]any
			require.NoError(t, json.Unmarshal(payload, &got))
			require.Equal(t, "citizen-1", got["sub"])

			validated, err := signer.Validate(context.Background(), token)
			require.NoError(t, err)
			require.Equal(t, sig, validated)
		}
	}, keys.Migrations)
}

// fosite verifies id_token_hint and JWT access tokens with the signer: a
// token signed before a rotation must still verify while it is valid.
func TestJWTSignerVerifiesAcrossRotation(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		c := &clock{now: time.Now()}
		m := manager(t, db, c)
		signer := idp.NewJWTSigner(m, "")
		old, _, err := signer.Generate(context.Background(), claims(), &jwt.Headers{})
		require.NoError(t, err)

		_, err = m.Rotate(context.Background())
		require.NoError(t, err)
		c.Advance(time.Hour + time.Second)
		fresh, _, err := signer.Generate(context.Background(), claims(), &jwt.Headers{})
		require.NoError(t, err)

		oldTok, err := signer.Decode(context.Background(), old)
		require.NoError(t, err)
		freshTok, err := signer.Decode(context.Background(), fresh)
		require.NoError(t, err)
		require.NotEqual(t, oldTok.Header["kid"], freshTok.Header["kid"], "the new key signs now")
	}, keys.Migrations)
}

// Only a published key verifies, and only under the alg it is published
// for: a token naming our ES256 kid but signed RS256 is refused.
func TestJWTSignerRejectsUnpublishedKeys(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		c := &clock{now: time.Now()}
		m := manager(t, db, c)
		ours, err := m.SigningKey(context.Background(), keys.ES256)
		require.NoError(t, err)
		ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
		require.NoError(t, err)
		cases := []struct {
			name, kid string
			alg       jose.SignatureAlgorithm
			key       any
		}{
			{"no kid", "", jose.ES256, ecKey},
			{"unknown kid", "unknown", jose.ES256, ecKey},
			{"alg substitution", ours.KID, jose.RS256, rsaKey},
		}
		for _, tc := range cases {
			token := signV4(t, tc.alg, tc.key, tc.kid)
			_, err := idp.NewJWTSigner(m, "").Validate(context.Background(), token)
			require.ErrorContains(t, err, "no published "+string(tc.alg)+" key", tc.name)
		}
	}, keys.Migrations)
}

func signV4(t *testing.T, alg jose.SignatureAlgorithm, key any, kid string) string {
	js, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: jose.JSONWebKey{Key: key, KeyID: kid}}, nil)
	require.NoError(t, err)
	jws, err := js.Sign([]byte(`{"sub":"x"}`))
	require.NoError(t, err)
	token, err := jws.CompactSerialize()
	require.NoError(t, err)
	return token
}
