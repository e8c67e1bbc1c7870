package idp_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// startCode runs the front channel and returns a code and its verifier.
func (e *env) startCode(cfg *oauth2.Config) (code, verifier string) {
	verifier = oauth2.GenerateVerifier()
	loc := e.authorize(e.browser(), cfg.AuthCodeURL("st4te-Xq9vLm2p", oauth2.S256ChallengeOption(verifier)))
	return loc.Query().Get("code"), verifier
}

// The token endpoint checks the PKCE verifier (RFC 7636 §4.6).
func TestTokenRefusesWrongOrMissingVerifier(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)
		code, _ := e.startCode(cfg)
		_, err := cfg.Exchange(context.Background(), code, oauth2.VerifierOption(oauth2.GenerateVerifier()))
		require.ErrorContains(t, err, "invalid_grant")
		code, _ = e.startCode(cfg)
		_, err = cfg.Exchange(context.Background(), code)
		require.ErrorContains(t, err, "invalid_grant")
	}, migrations...)
}

// A second use of a code fails and revokes the tokens of the first
// (RFC 6749 §4.1.2, RFC 9700 §4.5).
func TestCodeReuseRevokesFirstTokens(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)
		code, verifier := e.startCode(cfg)
		first, err := cfg.Exchange(context.Background(), code, oauth2.VerifierOption(verifier))
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, e.userinfo(first.AccessToken).StatusCode)

		_, err = cfg.Exchange(context.Background(), code, oauth2.VerifierOption(verifier))
		require.ErrorContains(t, err, "invalid_grant")
		require.Equal(t, http.StatusUnauthorized, e.userinfo(first.AccessToken).StatusCode)
		_, err = cfg.TokenSource(context.Background(), expired(first)).Token()
		require.ErrorContains(t, err, "invalid_grant")
	}, migrations...)
}

// A rotated refresh token presented again revokes the whole grant
// (RFC 9700 §4.14.2), including the token that replaced it.
func TestRefreshReplayRevokesGrant(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(func(c *idp.Client) { c.AccessTokenFormat = idp.TokenOpaque })
		cfg := e.oauth2Config(c, secret)
		tok := e.login(cfg)
		ctx := context.Background()
		second, err := cfg.TokenSource(ctx, expired(tok)).Token()
		require.NoError(t, err)
		require.Equal(t, http.StatusUnauthorized, e.userinfo(tok.AccessToken).StatusCode, "strict rotation retires old access tokens")

		_, err = cfg.TokenSource(ctx, expired(tok)).Token()
		require.ErrorContains(t, err, "invalid_grant", "replay")
		_, err = cfg.TokenSource(ctx, expired(second)).Token()
		require.ErrorContains(t, err, "invalid_grant", "the grant is revoked")
		require.Equal(t, http.StatusUnauthorized, e.userinfo(second.AccessToken).StatusCode)
	}, migrations...)
}

// Within the grace window a rotated refresh token still works once more.
func TestRefreshGraceWindow(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{RefreshGrace: time.Minute})
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)
		tok := e.login(cfg)
		ctx := context.Background()
		_, err := cfg.TokenSource(ctx, expired(tok)).Token()
		require.NoError(t, err)
		again, err := cfg.TokenSource(ctx, expired(tok)).Token()
		require.NoError(t, err, "a parallel tab refreshing with the same token")
		require.Equal(t, http.StatusOK, e.userinfo(again.AccessToken).StatusCode)
	}, migrations...)
}

// A wrong secret over Basic is 401 with a challenge (RFC 6749 §5.2).
func TestTokenWrongSecret(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, _ := e.client(nil)
		resp := e.postForm("/oauth2/token", c.ID, "wrong", url.Values{"grant_type": {"client_credentials"}})
		require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
		require.Contains(t, resp.Header.Get("WWW-Authenticate"), "Basic realm=")
		require.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
		var body map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
		require.Equal(t, "invalid_client", body["error"])
	}, migrations...)
}

// An expired code is refused. The code lifetime is cut to a second here.
func TestTokenExpiredCode(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{CodeLifetime: time.Second})
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)
		code, verifier := e.startCode(cfg)
		time.Sleep(1100 * time.Millisecond)
		_, err := cfg.Exchange(context.Background(), code, oauth2.VerifierOption(verifier))
		require.ErrorContains(t, err, "invalid_grant")
	}, migrations...)
}

func expired(tok *oauth2.Token) *oauth2.Token {
	c := *tok
	c.Expiry = time.Now().Add(-time.Minute)
	return &c
}
