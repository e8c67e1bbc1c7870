package idp_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// UserInfo takes the bearer token from the header only (RFC 6750 §2.1)
// and challenges with WWW-Authenticate: Bearer (§3); a refresh token is
// not an access token.
func TestUserinfoBearer(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(nil)
		tok := e.login(e.oauth2Config(c, secret))

		resp, err := http.PostForm(e.srv.URL+"/oauth2/userinfo", url.Values{"access_token": {tok.AccessToken}})
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusUnauthorized, resp.StatusCode, "form token ignored")
		require.Equal(t, `Bearer realm="`+e.srv.URL+`"`, resp.Header.Get("WWW-Authenticate"))

		resp = e.userinfo(tok.RefreshToken)
		require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
		require.True(t, strings.Contains(resp.Header.Get("WWW-Authenticate"), `error="invalid_token"`))

		req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/oauth2/userinfo", nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		resp, err = http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode, "POST works too")
	}, migrations...)
}
