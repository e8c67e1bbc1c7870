package idp_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

func withLogout(c *idp.Client) { c.PostLogoutRedirectURIs = []string{rpLoggedOut} }

// RP-Initiated Logout 1.0 §2, §3: a valid id_token_hint logs out without
// asking and redirects to the registered URI with state; the login step
// is told, the access token stops working, prompt=none fails after.
func TestLogoutWithIDTokenHintRedirects(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e, ender := newLogoutEnv(t, db, true)
		c, secret := e.client(withLogout)
		cfg := e.oauth2Config(c, secret)
		provider, err := oidc.NewProvider(context.Background(), e.srv.URL)
		require.NoError(t, err)
		var meta struct {
			EndSession  string `json:"end_session_endpoint"`
			Backchannel bool   `json:"backchannel_logout_supported"`
			BCSession   bool   `json:"backchannel_logout_session_supported"`
			Front       *bool  `json:"frontchannel_logout_supported"`
		}
		require.NoError(t, provider.Claims(&meta))
		require.Equal(t, e.srv.URL+"/oauth2/logout", meta.EndSession)
		require.True(t, meta.Backchannel && meta.BCSession)
		require.False(t, *meta.Front)

		b := e.browser()
		tok, idt, raw := e.loginIn(b, cfg)
		status, loc, _ := e.logoutGet(b, url.Values{"id_token_hint": {raw},
			"post_logout_redirect_uri": {rpLoggedOut}, "state": {"ab/c d"}, "ui_locales": {"de"}})
		require.Equal(t, http.StatusSeeOther, status)
		require.Equal(t, rpLoggedOut+"?state=ab%2Fc+d", loc)
		require.Equal(t, int32(1), ender.calls.Load())
		require.Equal(t, sidOf(t, idt), ender.sid.Load())
		require.True(t, sessionEnded(t, db, sidOf(t, idt)))
		require.Equal(t, http.StatusUnauthorized, e.userinfo(tok.AccessToken).StatusCode, "access token revoked")
		require.Equal(t, "login_required", e.promptNone(b, cfg).Get("error"))
	}, logoutMigrations...)
}

// §3: an unregistered post_logout_redirect_uri, or one without a
// verifiable client, is never redirected to; the user sees the page.
func TestLogoutNeverRedirectsToUnregisteredURI(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e, _ := newLogoutEnv(t, db, true)
		c, secret := e.client(withLogout)
		b := e.browser()
		_, _, raw := e.loginIn(b, e.oauth2Config(c, secret))
		status, loc, page := e.logoutGet(b, url.Values{"id_token_hint": {raw},
			"post_logout_redirect_uri": {"https://evil.example/bye"}, "state": {"s"}})
		require.Equal(t, http.StatusOK, status)
		require.Empty(t, loc)
		require.Contains(t, page, "Sie sind abgemeldet")
		require.Contains(t, page, "Rücksprungadresse")
		require.NotContains(t, page, "evil.example")

		// No client at all: confirmation, then no redirect either.
		status, _, page = e.logoutGet(b, url.Values{"post_logout_redirect_uri": {rpLoggedOut}})
		require.Equal(t, http.StatusOK, status)
		m := confirmField.FindStringSubmatch(page)
		require.Len(t, m, 2)
		status, loc, page = e.logoutPost(b, url.Values{"logout_request": {m[1]}}, "")
		require.Equal(t, http.StatusOK, status)
		require.Empty(t, loc)
		require.Contains(t, page, "Sie sind abgemeldet")
	}, logoutMigrations...)
}
