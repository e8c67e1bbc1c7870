package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/pquerna/otp/totp"
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

// A case worker logs in at a staff client with password and TOTP; the
// same password is refused at a citizen client, and a citizen's at the
// staff client, with the message of a wrong password.
func TestStaffLogsInOnlyAtStaffClients(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	e, _, stderr := env(vars)
	e.Stdin = strings.NewReader(webPassword + "\n")
	require.Equal(t, 0, app.Run(context.Background(), []string{"account", "create", "--staff", "--username", "sb.meier",
		"--email", "meier@lk-vg.example", "--organisation", "Landkreis Vorpommern-Greifswald", "--role", "wohngeld",
		"--password-stdin", "--email-verified"}, e), stderr.String())
	createAccount(t, vars, "erika", "erika@example.de")
	secret := enrolTOTP(t, vars, "sb.meier")
	citizenRP := newRelyingParty(t, n, vars)
	staffRP := newRelyingParty(t, n, vars)
	staffClient(t, vars, staffRP)

	b := browser(t)
	loginAt := func(rp *relyingParty, username string) (*http.Response, string) {
		resp, page := rp.start(t, b, oidc.Nonce("n-staff-4711"))
		weiter := resp.Request.URL.Query().Get("weiter")
		return submit(t, b, n.url, "/anmelden", page, url.Values{"login": {username}, "password": {webPassword}, "weiter": {weiter}})
	}
	for _, c := range []struct {
		rp    *relyingParty
		login string
	}{{citizenRP, "sb.meier"}, {staffRP, "erika"}} {
		resp, page := loginAt(c.rp, c.login)
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, c.login)
		require.Contains(t, page, "Benutzername oder Passwort ist falsch", c.login)
	}

	resp, page := loginAt(staffRP, "sb.meier")
	require.Equal(t, "/anmelden/zweiter-faktor", resp.Request.URL.Path, "staff always pass a second factor")
	code, err := totp.GenerateCode(secret, time.Now())
	require.NoError(t, err)
	resp, _ = submit(t, b, n.url, "/anmelden/zweiter-faktor", page, url.Values{"code": {code}})
	idt, _ := staffRP.idToken(t, resp)
	var claims struct {
		AMR []string `json:"amr"`
	}
	require.NoError(t, idt.Claims(&claims))
	require.Contains(t, claims.AMR, "otp")
}
