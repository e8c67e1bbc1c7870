package idp_test

import (
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

// The login step ends an authorization with an OAuth error through
// ResumeError: the browser lands at the client with that error, state
// and iss. Codes outside the list, and dead or foreign resume URLs, give
// no URL at all.
func TestResumeErrorEndsAtClient(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)
		for _, code := range []string{"access_denied", "unmet_authentication_requirements", "temporarily_unavailable", "login_required"} {
			weiter := e.pendingResume(cfg)
			u := e.p.ResumeError(weiter, code, "Identifizierung abgebrochen")
			require.True(t, strings.HasPrefix(u, e.srv.URL+"/oauth2/auth/resume?"), u)
			q := e.authorize(e.browser(), u).Query()
			require.Equal(t, code, q.Get("error"))
			require.Equal(t, "st4te-Xq9vLm2p", q.Get("state"))
			require.Empty(t, q.Get("code"))
		}
		weiter := e.pendingResume(cfg)
		require.Empty(t, e.p.ResumeError(weiter, "server_error", ""), "only the login step's codes")
		require.Empty(t, e.p.ResumeError(weiter[:len(weiter)-3]+"AAA", "access_denied", ""), "tampered")
		require.Empty(t, e.p.ResumeError("https://evil.example/oauth2/auth/resume?h=x", "access_denied", ""))
		require.Empty(t, e.p.ResumeError("", "access_denied", ""))
	}, migrations...)
}

// pendingResume starts an authorization in a browser without login and
// returns the resume URL the login step was given.
func (e *env) pendingResume(cfg *oauth2.Config) string {
	b := e.browser()
	b.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := b.Get(cfg.AuthCodeURL("st4te-Xq9vLm2p", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
	require.NoError(e.t, err)
	resp.Body.Close()
	require.Equal(e.t, http.StatusFound, resp.StatusCode, "to the test login")
	weiter := e.auth.last.Load().ResumeURL
	_, err = url.Parse(weiter)
	require.NoError(e.t, err)
	return weiter
}
