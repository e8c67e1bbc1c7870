package idp_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// A JWT access token verified once is answered from memory, with the very
// bytes and headers of the full path; whom it is for and whether it was
// revoked are still decided on every call, revocation on any node.
func TestIntrospectionFastPath(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(nil)
		other, otherSecret := e.client(nil)
		tok := e.login(e.oauth2Config(c, secret))

		require.False(t, idp.IntrospectionCached(e.p, tok.AccessToken))
		slow := e.postForm("/oauth2/introspect", c.ID, secret, url.Values{"token": {tok.AccessToken}})
		slowBody := readBody(t, slow)
		require.True(t, idp.IntrospectionCached(e.p, tok.AccessToken), "verified once, remembered")
		fast := e.postForm("/oauth2/introspect", c.ID, secret, url.Values{"token": {tok.AccessToken}})
		require.Equal(t, slow.StatusCode, fast.StatusCode)
		require.Equal(t, slowBody, readBody(t, fast), "same answer as the full path")
		for _, h := range []string{"Content-Type", "Cache-Control", "Pragma"} {
			require.Equal(t, slow.Header.Get(h), fast.Header.Get(h), h)
		}
		require.Contains(t, slowBody, `"active":true`)

		require.Equal(t, map[string]any{"active": false}, introspect(t, e, other.ID, otherSecret, tok.AccessToken), "another client's token")
		resp := e.postForm("/oauth2/introspect", c.ID, "wrong", url.Values{"token": {tok.AccessToken}})
		require.Equal(t, http.StatusUnauthorized, resp.StatusCode, "the caller is authenticated every time")

		// Revoked on a second node: inactive here at once.
		mux := http.NewServeMux()
		node2 := httptest.NewServer(mux)
		t.Cleanup(node2.Close)
		newNode(t, db, e.srv.URL, e.auth, idp.Config{}).Mount(mux)
		req, err := http.NewRequest(http.MethodPost, node2.URL+"/oauth2/revoke", strings.NewReader(url.Values{"token": {tok.AccessToken}}.Encode()))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(c.ID, secret)
		resp, err = http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Equal(t, map[string]any{"active": false}, introspect(t, e, c.ID, secret, tok.AccessToken), "revoked")
		require.False(t, idp.IntrospectionCached(e.p, tok.AccessToken), "forgotten once found revoked")
	}, migrations...)
}

func readBody(t *testing.T, resp *http.Response) string {
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
}
