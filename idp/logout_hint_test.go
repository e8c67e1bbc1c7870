package idp_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"

	"mvnk/keys"
	"mvnk/store"
	"mvnk/store/storetest"
)

// §2: an id_token_hint must verify against our JWKS. One signed by a key
// we never published (even under our kid), an access token (at+jwt), or
// a hint for another client than client_id is refused: no logout, no
// redirect. An expired but genuine ID token is accepted.
func TestLogoutRefusesForeignIDTokenHint(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e, ender := newLogoutEnv(t, db, true)
		c, secret := e.client(withLogout)
		cfg := e.oauth2Config(c, secret)
		b := e.browser()
		tok, idt, raw := e.loginIn(b, cfg)
		jws, err := jose.ParseSignedCompact(raw, []jose.SignatureAlgorithm{jose.ES256, jose.RS256})
		require.NoError(t, err)
		rogue := rogueToken(t, jws.Signatures[0].Header.KeyID, map[string]any{
			"iss": e.srv.URL, "aud": []string{c.ID}, "sub": idt.Subject, "sid": sidOf(t, idt),
			"exp": time.Now().Add(time.Hour).Unix(), "iat": time.Now().Unix(),
		})
		other, _ := e.client(withLogout)
		cases := map[string]url.Values{
			"unknown key":  {"id_token_hint": {rogue}},
			"access token": {"id_token_hint": {tok.AccessToken}},
			"alg none":     {"id_token_hint": {noneJWT(`{"iss":"` + e.srv.URL + `","aud":"` + c.ID + `"}`)}},
			"other client": {"id_token_hint": {raw}, "client_id": {other.ID}},
		}
		for name, q := range cases {
			q.Set("post_logout_redirect_uri", rpLoggedOut)
			status, loc, page := e.logoutGet(b, q)
			require.Equal(t, http.StatusBadRequest, status, name)
			require.Empty(t, loc, name)
			require.Contains(t, page, "Abmeldung nicht möglich", name)
		}
		require.Zero(t, ender.calls.Load())
		require.False(t, sessionEnded(t, db, sidOf(t, idt)))
		require.NotEmpty(t, e.promptNone(b, cfg).Get("code"), "still logged in")

		// Expired, and its key no longer the newest after a rotation: accepted.
		km := keys.New(db, testMaster, keys.Config{RSABits: 2048}, nil)
		expired, err := km.Sign(context.Background(), "", mustJSON(t, map[string]any{
			"iss": e.srv.URL, "aud": c.ID, "sub": idt.Subject, "sid": sidOf(t, idt),
			"iat": time.Now().Add(-2 * time.Hour).Unix(), "exp": time.Now().Add(-time.Hour).Unix(),
		}), "JWT")
		require.NoError(t, err)
		_, err = km.Rotate(context.Background())
		require.NoError(t, err)
		status, loc, _ := e.logoutGet(b, url.Values{"id_token_hint": {expired}, "post_logout_redirect_uri": {rpLoggedOut}})
		require.Equal(t, http.StatusSeeOther, status)
		require.Equal(t, rpLoggedOut, loc)
		require.True(t, sessionEnded(t, db, sidOf(t, idt)))
	}, logoutMigrations...)
}

// rogueToken signs claims with a fresh key under kid.
func rogueToken(t *testing.T, kid string, claims map[string]any) string {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256,
		Key: jose.JSONWebKey{Key: k, KeyID: kid, Algorithm: "ES256"}}, (&jose.SignerOptions{}).WithType("JWT"))
	require.NoError(t, err)
	payload, err := json.Marshal(claims)
	require.NoError(t, err)
	obj, err := signer.Sign(payload)
	require.NoError(t, err)
	s, err := obj.CompactSerialize()
	require.NoError(t, err)
	return s
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}
