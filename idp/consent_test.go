package idp_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// A third-party client gets the consent page; "Zulassen" continues to
// the client and is remembered, so the next request (and a subset) goes
// straight through; a new scope asks again; prompt=consent always asks.
func TestConsentGivenAndRemembered(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := consentEnv(t, e, func(c *idp.Client) {
			c.Scopes = []string{"openid", "offline_access", "profile", "email"}
			c.Description = "Antrag auf Wohngeld stellen"
		})
		cfg := e.oauth2Config(c, secret)
		b := e.browser()
		getPage(t, b, e.srv.URL+"/test/login?resume=/") // a login session
		resp, page := getPage(t, b, cfg.AuthCodeURL("st4te-Xq9vLm2p", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, page, "Antrag auf Wohngeld stellen")
		require.Contains(t, page, "Zulassen")
		loc := answerConsent(t, e, b, page, "zulassen")
		require.True(t, strings.HasSuffix(loc.Path, "/oauth2/auth/resume"), loc.String())
		back := e.authorize(b, loc.String())
		require.NotEmpty(t, back.Query().Get("code"))

		stored, err := idp.NewConsentStore(db).Get(context.Background(), e.auth.subject, c.ID)
		require.NoError(t, err)
		require.ElementsMatch(t, []string{"openid", "offline_access"}, stored.Scopes)

		chal := oauth2.S256ChallengeOption(oauth2.GenerateVerifier())
		require.NotEmpty(t, e.authorize(b, cfg.AuthCodeURL("st4te-Xq9vLm2p", chal)).Query().Get("code"), "remembered")
		cfg.Scopes = []string{oidc.ScopeOpenID}
		require.NotEmpty(t, e.authorize(b, cfg.AuthCodeURL("st4te-Xq9vLm2p", chal)).Query().Get("code"), "a subset")

		cfg.Scopes = []string{oidc.ScopeOpenID, "email"}
		resp, page = getPage(t, b, cfg.AuthCodeURL("st4te-Xq9vLm2p", chal))
		require.Equal(t, http.StatusOK, resp.StatusCode, "a new scope asks again")
		require.Contains(t, page, "Ihre E-Mail-Adresse")

		cfg.Scopes = []string{oidc.ScopeOpenID}
		resp, _ = getPage(t, b, cfg.AuthCodeURL("st4te-Xq9vLm2p", chal, oauth2.SetAuthURLParam("prompt", "consent")))
		require.Equal(t, http.StatusOK, resp.StatusCode, "prompt=consent shows the page")
	}, migrations...)
}

// Denying sends access_denied to the client (RFC 6749 §4.1.2.1); without
// a stored consent prompt=none gets consent_required (OIDC Core §3.1.2.6).
func TestConsentDeniedAndPromptNone(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := consentEnv(t, e, nil)
		cfg := e.oauth2Config(c, secret)
		b := e.browser()
		getPage(t, b, e.srv.URL+"/test/login?resume=/")
		chal := oauth2.S256ChallengeOption(oauth2.GenerateVerifier())

		back := e.authorize(b, cfg.AuthCodeURL("st4te-Xq9vLm2p", chal, oauth2.SetAuthURLParam("prompt", "none")))
		require.Equal(t, "consent_required", back.Query().Get("error"))

		_, page := getPage(t, b, cfg.AuthCodeURL("st4te-Xq9vLm2p", chal))
		back = e.authorize(b, answerConsent(t, e, b, page, "ablehnen").String())
		require.Equal(t, "access_denied", back.Query().Get("error"))
		require.Equal(t, "st4te-Xq9vLm2p", back.Query().Get("state"))
		_, err := idp.NewConsentStore(db).Get(context.Background(), e.auth.subject, c.ID)
		require.ErrorIs(t, err, store.ErrNotFound, "a denial is not remembered")
	}, migrations...)
}

// The answer is bound to the login session it was given in: after a new
// login (another sid) it is not honoured and the page is shown again.
func TestConsentBoundToSession(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := consentEnv(t, e, nil)
		cfg := e.oauth2Config(c, secret)
		b := e.browser()
		getPage(t, b, e.srv.URL+"/test/login?resume=/")
		_, page := getPage(t, b, cfg.AuthCodeURL("st4te-Xq9vLm2p", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
		loc := answerConsent(t, e, b, page, "zulassen")

		getPage(t, b, e.srv.URL+"/test/login?resume=/") // a new session
		resp, page := getPage(t, b, loc.String())
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, page, "consent_request", "asked again")
		_, err := idp.NewConsentStore(db).Get(context.Background(), e.auth.subject, c.ID)
		require.ErrorIs(t, err, store.ErrNotFound)

		// A forged form is refused.
		resp, err = b.PostForm(e.srv.URL+"/oauth2/auth/consent", map[string][]string{
			"consent_request": {"nonsense"}, "entscheidung": {"zulassen"}})
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	}, migrations...)
}

// Revoking a consent removes it and the client's tokens for the account.
func TestRevokeConsentRevokesTokens(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(nil)
		tok := e.login(e.oauth2Config(c, secret))
		require.Equal(t, http.StatusOK, e.userinfo(tok.AccessToken).StatusCode)

		list, err := e.p.Consents(context.Background(), e.auth.subject)
		require.NoError(t, err)
		require.Len(t, list, 1)
		require.Equal(t, "Testdienst", list[0].ClientName)
		require.NoError(t, e.p.RevokeConsent(context.Background(), e.auth.subject, c.ID))
		require.Equal(t, http.StatusUnauthorized, e.userinfo(tok.AccessToken).StatusCode)
		_, err = e.oauth2Config(c, secret).TokenSource(context.Background(), &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
		require.Error(t, err, "the refresh token is gone too")

		require.NoError(t, idp.NewConsentStore(db).Put(context.Background(), e.auth.subject, c.ID, c.Scopes))
		tok = e.login(e.oauth2Config(c, secret))
		require.NoError(t, e.p.ForgetAccount(context.Background(), e.auth.subject))
		require.Equal(t, http.StatusUnauthorized, e.userinfo(tok.AccessToken).StatusCode)
		list, err = e.p.Consents(context.Background(), e.auth.subject)
		require.NoError(t, err)
		require.Empty(t, list)
	}, migrations...)
}
