package idp_test

import (
	"io"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// The login step gets the OIDC parameters and a sealed resume URL; an
// altered or outdated one ends on the error page, never at a client.
func TestLoginHandoffIsSealed(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		var offset atomic.Int64
		e := newEnv(t, db, idp.Config{Now: func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }})
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)
		u := cfg.AuthCodeURL("st4te-Xq9vLm2p", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()),
			oauth2.SetAuthURLParam("login_hint", "max@example.de"), oauth2.SetAuthURLParam("ui_locales", "de en"),
			oauth2.SetAuthURLParam("claims", `{"id_token":{"acr":{"essential":true,"values":["hoch"]}}}`))
		b := e.browser()
		b.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		resp, err := b.Get(u)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusFound, resp.StatusCode, "to the login page")

		req := e.auth.last.Load()
		require.Equal(t, "max@example.de", req.LoginHint)
		require.Equal(t, []string{"de", "en"}, req.UILocales)
		require.JSONEq(t, `{"id_token":{"acr":{"essential":true,"values":["hoch"]}}}`, string(req.Claims))
		require.True(t, req.Interactive)

		resume, err := url.Parse(req.ResumeURL)
		require.NoError(t, err)
		h := resume.Query().Get("h")
		tampered := h[:len(h)-2] + "AA"
		for name, value := range map[string]string{"tampered": tampered, "missing": ""} {
			requireErrorPage(t, e.srv.URL+"/oauth2/auth/resume?h="+url.QueryEscape(value), name)
		}
		offset.Store(int64(31 * time.Minute))
		requireErrorPage(t, req.ResumeURL, "expired")
	}, migrations...)
}

func requireErrorPage(t *testing.T, u, name string) {
	resp, err := http.Get(u)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusBadRequest, resp.StatusCode, name)
	require.Contains(t, string(body), "Anmeldung nicht möglich", name)
}
