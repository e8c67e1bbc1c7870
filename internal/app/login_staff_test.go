package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/internal/app"
)

// staffClient registers a first-party client for case workers with
// `mvnk client create --staff`.
func staffClient(t testing.TB, vars map[string]string, rp *relyingParty) {
	t.Helper()
	e, out, stderr := env(vars)
	code := app.Run(context.Background(), []string{"client", "create", "--name", "Fachverfahren",
		"--redirect-uri", redirectURI, "--grant-type", "authorization_code", "--scope", "openid",
		"--first-party", "--staff", "--json"}, e)
	require.Equal(t, 0, code, stderr.String())
	var c struct {
		ID     string `json:"client_id"`
		Secret string `json:"client_secret"`
		Staff  bool   `json:"staff"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &c))
	require.True(t, c.Staff)
	rp.cfg.ClientID, rp.cfg.ClientSecret = c.ID, c.Secret
}

// A citizen's login session is not used at a staff client: the browser
// gets the German 403 page with a logout link, prompt=none login_required.
func TestCitizenSessionRefusedAtStaffClient(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	rp := newRelyingParty(t, n, vars)

	b := browser(t)
	resp, page := rp.start(t, b, oidc.Nonce("n-staff-0815"))
	weiter := resp.Request.URL.Query().Get("weiter")
	resp, _ = submit(t, b, n.url, "/anmelden", page, url.Values{"login": {"erika"}, "password": {webPassword}, "weiter": {weiter}})
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)

	staffClient(t, vars, rp)
	resp, page = rp.start(t, b, oidc.Nonce("n-staff-0816"))
	require.Equal(t, http.StatusForbidden, resp.StatusCode, page)
	require.Contains(t, page, "Anmeldung mit diesem Konto nicht möglich")
	require.Contains(t, page, `href="/oauth2/logout"`)

	resp, _ = rp.start(t, b, oidc.Nonce("n-staff-0817"), oauth2.SetAuthURLParam("prompt", "none"))
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	require.Equal(t, "login_required", loc.Query().Get("error"))
}
