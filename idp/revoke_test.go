package idp_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// Revocation (RFC 7009) works for JWT and opaque access tokens alike, and
// revoking a refresh token revokes the grant's access tokens (§2.1).
func TestRevocation(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		for _, format := range []string{idp.TokenJWT, idp.TokenOpaque} {
			c, secret := e.client(func(c *idp.Client) { c.AccessTokenFormat = format })
			cfg := e.oauth2Config(c, secret)

			tok := e.login(cfg)
			resp := e.postForm("/oauth2/revoke", c.ID, secret, url.Values{"token": {tok.AccessToken}})
			require.Equal(t, http.StatusOK, resp.StatusCode, format)
			require.Equal(t, http.StatusUnauthorized, e.userinfo(tok.AccessToken).StatusCode, format)
			require.False(t, introspect(t, e, c.ID, secret, tok.AccessToken)["active"].(bool), format)

			tok = e.login(cfg)
			resp = e.postForm("/oauth2/revoke", c.ID, secret, url.Values{"token": {tok.RefreshToken}, "token_type_hint": {"refresh_token"}})
			require.Equal(t, http.StatusOK, resp.StatusCode, format)
			require.Equal(t, http.StatusUnauthorized, e.userinfo(tok.AccessToken).StatusCode, format)
			_, err := cfg.TokenSource(context.Background(), expired(tok)).Token()
			require.ErrorContains(t, err, "invalid_grant", format)
		}
	}, migrations...)
}

// Introspection (RFC 7662) answers authenticated clients only.
func TestIntrospection(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(nil)
		tok := e.login(e.oauth2Config(c, secret))
		got := introspect(t, e, c.ID, secret, tok.AccessToken)
		require.Equal(t, true, got["active"])
		require.Equal(t, c.ID, got["client_id"])
		require.Equal(t, "openid offline_access", got["scope"])

		resp := e.postForm("/oauth2/introspect", c.ID, "wrong", url.Values{"token": {tok.AccessToken}})
		require.Equal(t, http.StatusUnauthorized, resp.StatusCode)

		req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/oauth2/introspect", nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		resp, err = http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusUnauthorized, resp.StatusCode, "a bearer token is no client credential")
	}, migrations...)
}

func introspect(t *testing.T, e *env, id, secret, token string) map[string]any {
	resp := e.postForm("/oauth2/introspect", id, secret, url.Values{"token": {token}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var got map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&got))
	return got
}
