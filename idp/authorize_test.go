package idp_test

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// A request that cannot be tied to a registered redirect URI is never
// redirected (RFC 6749 §4.1.2.1): the browser sees the German error page.
func TestAuthorizeNeverRedirectsToUnregisteredURI(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, _ := e.client(nil)
		cases := map[string]url.Values{
			"unregistered redirect_uri": {"client_id": {c.ID}, "redirect_uri": {"https://evil.example/cb"}},
			"unknown client":            {"client_id": {"nobody"}, "redirect_uri": {rpRedirect}},
			// RFC 9101 request objects are not supported; an unsigned one
			// must not even steer the redirect (idp-anchors §4.4 pitfall 6).
			"request object, alg none": {"client_id": {c.ID}, "request": {noneJWT(`{"redirect_uri":"https://evil.example/cb"}`)}},
		}
		for name, q := range cases {
			q.Set("response_type", "code")
			q.Set("scope", "openid")
			q.Set("state", "st4te-Xq9vLm2p")
			resp, err := e.browser().Get(e.srv.URL + "/oauth2/auth?" + q.Encode())
			require.NoError(t, err)
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.Equal(t, http.StatusBadRequest, resp.StatusCode, name)
			require.Empty(t, resp.Header.Get("Location"), name)
			require.Contains(t, string(body), "Anmeldung nicht möglich", name)
			require.NotContains(t, string(body), "evil.example", name)
		}
	}, migrations...)
}

// Errors that can go back to the client carry iss (RFC 9207 §2): PKCE
// missing or plain (RFC 9700 §2.1.1), prompt=none without a login (OIDC
// Core §3.1.2.6), request objects,
func TestAuthorizeErrorsGoToClientWithIss(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)
		v := oauth2.GenerateVerifier()
		cases := []struct {
			name, want string
			opts       []oauth2.AuthCodeOption
		}{
			{"no PKCE", "invalid_request", nil},
			{"plain PKCE", "invalid_request", []oauth2.AuthCodeOption{
				oauth2.SetAuthURLParam("code_challenge", v), oauth2.SetAuthURLParam("code_challenge_method", "plain")}},
			{"prompt=none without login", "login_required", []oauth2.AuthCodeOption{
				oauth2.S256ChallengeOption(v), oauth2.SetAuthURLParam("prompt", "none")}},
		}
		par, parSecret := e.client(func(c *idp.Client) { c.RequirePAR = true })
		loc := e.authorize(e.browser(), e.oauth2Config(par, parSecret).AuthCodeURL("st4te-Xq9vLm2p", oauth2.S256ChallengeOption(v)))
		require.Equal(t, "invalid_request", loc.Query().Get("error"), "RequirePAR (RFC 9126 §6)")
		for _, tc := range cases {
			loc := e.authorize(e.browser(), cfg.AuthCodeURL("st4te-Xq9vLm2p", tc.opts...))
			require.Equal(t, tc.want, loc.Query().Get("error"), tc.name)
			require.Empty(t, loc.Query().Get("code"), tc.name)
		}
	}, migrations...)
}

// prompt=login forces a fresh login even with a session; the second
// request without prompt reuses the session.
func TestAuthorizePromptLogin(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)
		b := e.browser()
		v := oauth2.GenerateVerifier()
		e.authorize(b, cfg.AuthCodeURL("st4te-Xq9vLm2p", oauth2.S256ChallengeOption(v)))
		e.authorize(b, cfg.AuthCodeURL("st4te-Xq9vLm2p", oauth2.S256ChallengeOption(v)))
		require.Equal(t, int32(1), e.auth.logins.Load(), "session reused")
		loc := e.authorize(b, cfg.AuthCodeURL("st4te-Xq9vLm2p", oauth2.S256ChallengeOption(v), oauth2.SetAuthURLParam("prompt", "login")))
		require.Equal(t, int32(2), e.auth.logins.Load(), "prompt=login logs in again")
		require.NotEmpty(t, loc.Query().Get("code"))
	}, migrations...)
}

// form_post (OAuth 2.0 Form Post Response Mode) under a strict CSP: no
// inline script, a visible button, form-action limited to the client.
func TestAuthorizeFormPost(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)
		u := cfg.AuthCodeURL("st4te-Xq9vLm2p", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()),
			oauth2.SetAuthURLParam("response_mode", "form_post"))
		resp, err := e.browser().Get(u)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		page := string(body)
		require.Contains(t, page, `action="`+rpRedirect+`"`)
		require.Contains(t, page, `name="code"`)
		require.Contains(t, page, `name="iss" value="`+e.srv.URL+`"`)
		require.Contains(t, page, `<button type="submit">`)
		require.NotContains(t, page, "<script>")
		csp := resp.Header.Get("Content-Security-Policy")
		require.Contains(t, csp, "form-action https://rp.example.de")
		require.NotContains(t, csp, "unsafe-inline")
		require.Equal(t, 1, strings.Count(page, "<script"))
	}, migrations...)
}

// A confidential client registered without PKCE may leave it out; a
// challenge it does send is still checked, and plain stays refused.
func TestPKCEOptionalForConfidentialClient(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(func(c *idp.Client) { c.RequirePKCE = false })
		cfg := e.oauth2Config(c, secret)
		loc := e.authorize(e.browser(), cfg.AuthCodeURL("st4te-Xq9vLm2p"))
		_, err := cfg.Exchange(context.Background(), loc.Query().Get("code"))
		require.NoError(t, err)

		loc = e.authorize(e.browser(), cfg.AuthCodeURL("st4te-Xq9vLm2p",
			oauth2.SetAuthURLParam("code_challenge", oauth2.GenerateVerifier()), oauth2.SetAuthURLParam("code_challenge_method", "plain")))
		require.Equal(t, "invalid_request", loc.Query().Get("error"))

		v := oauth2.GenerateVerifier()
		loc = e.authorize(e.browser(), cfg.AuthCodeURL("st4te-Xq9vLm2p", oauth2.S256ChallengeOption(v)))
		_, err = cfg.Exchange(context.Background(), loc.Query().Get("code"))
		require.ErrorContains(t, err, "invalid_grant", "a sent challenge binds the code")
	}, migrations...)
}

// noneJWT is an unsigned JWT (alg none, RFC 7519 §6).
func noneJWT(payload string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + enc([]byte(payload)) + "."
}
