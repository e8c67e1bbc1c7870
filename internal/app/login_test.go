package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/internal/app"
)

// A citizen logs in with username and password through the code flow of
// a real client; the ID token names the account with a password login.
func TestWebLoginCodeFlow(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	db := openDB(t, vars)
	rp := newRelyingParty(t, n, vars)
	b := browser(t)

	resp, page := rp.start(t, b, oidc.Nonce("n-0S6_WzA2Mj"))
	require.Equal(t, "/anmelden", resp.Request.URL.Path, "%d %s", resp.StatusCode, resp.Header.Get("Location"))
	weiter := url.Values{"weiter": {resp.Request.URL.Query().Get("weiter")}}
	resp, _ = submit(t, b, n.url, "/anmelden", page, url.Values{"login": {"Erika@Example.de"}, "password": {webPassword}, "weiter": weiter["weiter"]})
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	idt, raw := rp.idToken(t, resp)

	// The login renewed the form token: one learned before it is refused.
	resp, _ = submit(t, b, n.url, "/sprache", page, url.Values{"lang": {"en"}, "return": {"/"}})
	require.Equal(t, http.StatusForbidden, resp.StatusCode)

	var claims struct {
		ACR string   `json:"acr"`
		AMR []string `json:"amr"`
		SID string   `json:"sid"`
	}
	require.NoError(t, idt.Claims(&claims))
	require.Equal(t, "n-0S6_WzA2Mj", idt.Nonce)
	require.Equal(t, "STORK-QAA-Level-1", claims.ACR)
	require.Equal(t, []string{"pwd"}, claims.AMR)
	require.Equal(t, 1, count(t, db, `SELECT COUNT(*) FROM login_sessions s JOIN accounts a ON a.id = s.account_id
		WHERE s.sid = $1 AND a.username = 'erika'`, claims.SID), "the session row carries the ID token's sid")
	require.Equal(t, 1, count(t, db, `SELECT COUNT(*) FROM idp_sessions WHERE sid = $1 AND subject = (SELECT id FROM accounts WHERE username = 'erika')`, claims.SID))

	// The session carries a second authorization without the page.
	resp, _ = rp.start(t, b, oauth2.SetAuthURLParam("prompt", "none"))
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	require.Contains(t, resp.Header.Get("Location"), "code=")

	// RP-Initiated Logout deletes the session row.
	q := url.Values{"id_token_hint": {raw}, "post_logout_redirect_uri": {postLogoutURI}}
	resp, _ = fetch(t, b, n.url+"/oauth2/logout?"+q.Encode())
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	require.Zero(t, count(t, db, `SELECT COUNT(*) FROM login_sessions`))
	resp, _ = rp.start(t, b)
	require.Equal(t, "/anmelden", resp.Request.URL.Path, "logged out: the login page again")
}

// A wrong password and an unknown user get the same page; the password
// is not echoed back, the login is.
func TestWebLoginFailureTellsNothing(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	b := browser(t)
	_, page := fetch(t, b, n.url+"/anmelden")

	resp, wrong := submit(t, b, n.url, "/anmelden", page, url.Values{"login": {"erika"}, "password": {"falsch-falsch"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	_, unknown := submit(t, b, n.url, "/anmelden", page, url.Values{"login": {"niemand"}, "password": {"falsch-falsch"}})
	require.Contains(t, wrong, "Benutzername oder Passwort ist falsch.")
	require.Contains(t, wrong, `value="erika"`)
	require.NotContains(t, wrong, "falsch-falsch")
	require.Equal(t, strings.ReplaceAll(wrong, "erika", "X"), strings.ReplaceAll(unknown, "niemand", "X"))

	// Both failures are in the audit log, without what was typed.
	e, out, stderr := env(vars)
	require.Equal(t, 0, app.Run(context.Background(), []string{"audit", "list", "--json"}, e), stderr.String())
	require.Equal(t, 2, strings.Count(out.String(), `"type": "login.failure"`))
	require.NotContains(t, out.String(), "niemand")

	// Without the form token the login refuses to look at the password.
	resp, _ = post(t, b, n.url+"/anmelden", url.Values{"login": {"erika"}, "password": {webPassword}})
	require.Equal(t, http.StatusForbidden, resp.StatusCode)
	// A continuation to another site is refused (no open redirect).
	resp, _ = submit(t, b, n.url, "/anmelden", page, url.Values{"login": {"erika"}, "password": {webPassword},
		"weiter": {"https://evil.example/oauth2/auth/resume?h=x"}})
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)
}

// After 30 idle minutes the session no longer counts: prompt=none gets
// login_required, and the browser sees the login page again.
func TestWebLoginIdleTimeout(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	db := openDB(t, vars)
	rp := newRelyingParty(t, n, vars)
	b := browser(t)
	resp, page := rp.start(t, b)
	resp, _ = submit(t, b, n.url, "/anmelden", page, url.Values{"login": {"erika"}, "password": {webPassword},
		"weiter": {resp.Request.URL.Query().Get("weiter")}})
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	require.Contains(t, resp.Header.Get("Location"), "code=")

	idle := (30*time.Minute + time.Second).Microseconds()
	_, err := db.Exec(`UPDATE login_sessions SET last_seen = last_seen - $1, created_at = created_at - $1`, idle)
	require.NoError(t, err)
	resp, _ = rp.start(t, b, oauth2.SetAuthURLParam("prompt", "none"))
	require.Contains(t, resp.Header.Get("Location"), "error=login_required")
	resp, _ = rp.start(t, b)
	require.Equal(t, "/anmelden", resp.Request.URL.Path)
}

// After the free failures the login asks to wait, with 429 and the time.
func TestWebLoginThrottled(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	b := browser(t)
	_, page := fetch(t, b, n.url+"/anmelden")
	form := url.Values{"login": {"erika"}, "password": {"falsch-falsch"}}
	var resp *http.Response
	var body string
	for range 7 {
		if resp, body = submit(t, b, n.url, "/anmelden", page, form); resp.StatusCode == http.StatusTooManyRequests {
			break
		}
	}
	require.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
	require.Regexp(t, `Zu viele Versuche\. Bitte warten Sie \d+ Sekunden\.`, body)
	require.NotEmpty(t, resp.Header.Get("Retry-After"))
	require.Contains(t, body, `value="erika"`)
}

// A client that needs substanziell gets a password user sent on to the
// eID; with no identification service configured, the client gets
// unmet_authentication_requirements — never a token of a lower level.
func TestWebLoginBelowClientLevel(t *testing.T) {
	for _, c := range []struct{ eid, want string }{{"simulator", "/anmelden/eid"}, {"off", "unmet_authentication_requirements"}} {
		t.Run(c.eid, func(t *testing.T) {
			vars := devVars(t)
			vars["MVNK_EID"] = c.eid
			n := startNode(t, vars)
			createAccount(t, vars, "erika", "erika@example.de")
			rp := newRelyingParty(t, n, vars)
			e, out, stderr := env(vars)
			require.Equal(t, 0, app.Run(context.Background(), []string{"client", "update", rp.cfg.ClientID,
				"--min-trust-level", "3", "--json"}, e), stderr.String(), out.String())
			b := browser(t)
			resp, page := rp.start(t, b, oidc.Nonce("n-niveau-0003"))
			if c.eid == "off" { // nothing can prove the level: no login page at all
				loc, err := url.Parse(resp.Header.Get("Location"))
				require.NoError(t, err)
				require.Equal(t, c.want, loc.Query().Get("error"), "%d %s", resp.StatusCode, resp.Header.Get("Location"))
				require.Empty(t, loc.Query().Get("code"))
				return
			}
			weiter := resp.Request.URL.Query().Get("weiter")
			resp, _ = submit(t, b, n.url, "/anmelden", page, url.Values{"login": {"erika"}, "password": {webPassword}, "weiter": {weiter}})
			require.Equal(t, c.want, resp.Request.URL.Path)
			require.Equal(t, "3", resp.Request.URL.Query().Get("niveau"))
		})
	}
}
