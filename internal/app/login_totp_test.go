package app_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/keys"
)

// enrolTOTP gives the account a confirmed TOTP, sealed under the node's
// master key, and returns the secret.
func enrolTOTP(t *testing.T, vars map[string]string, username string) string {
	ctx := context.Background()
	master, err := keys.DevMasterKey(vars["MVNK_DATA_DIR"])
	require.NoError(t, err)
	sealer, err := keys.NewSealer(master)
	require.NoError(t, err)
	st := account.NewStore(openDB(t, vars))
	a, err := st.GetByLogin(ctx, username)
	require.NoError(t, err)
	key, err := st.BeginTOTP(ctx, sealer, a)
	require.NoError(t, err)
	first, err := totp.GenerateCode(key.Secret(), time.Now().Add(-30*time.Second))
	require.NoError(t, err)
	require.NoError(t, st.ConfirmTOTP(ctx, sealer, a.ID, first))
	return key.Secret()
}

// A citizen with TOTP logs in through the code flow of a real client:
// password, then the code; the ID token says pwd, otp and mfa.
func TestWebLoginWithTOTP(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	secret := enrolTOTP(t, vars, "erika")
	db := openDB(t, vars)
	rp := newRelyingParty(t, n, vars)
	b := browser(t)

	resp, page := rp.start(t, b)
	weiter := resp.Request.URL.Query().Get("weiter")
	resp, page = submit(t, b, n.url, "/anmelden", page, url.Values{"login": {"erika"}, "password": {webPassword}, "weiter": {weiter}})
	require.Equal(t, "/anmelden/zweiter-faktor", resp.Request.URL.Path)
	require.Zero(t, count(t, db, `SELECT COUNT(*) FROM login_sessions`), "no session before the second factor")

	resp, page = submit(t, b, n.url, "/anmelden/zweiter-faktor", page, url.Values{"code": {"000000"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, "Der Code ist falsch")

	code, err := totp.GenerateCode(secret, time.Now())
	require.NoError(t, err)
	resp, _ = submit(t, b, n.url, "/anmelden/zweiter-faktor", page, url.Values{"code": {code}})
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	idt, _ := rp.idToken(t, resp)
	var claims struct {
		AMR []string `json:"amr"`
	}
	require.NoError(t, idt.Claims(&claims))
	require.Equal(t, []string{"pwd", "otp", "mfa"}, claims.AMR)
	require.Equal(t, 1, count(t, db, `SELECT COUNT(*) FROM audit_log WHERE type = 'login.success'`))
}

var (
	secretOnPage    = regexp.MustCompile(`id="totp-schluessel">([A-Z2-7 ]+)<`)
	recoveryOnPage  = regexp.MustCompile(`<code>([2-9A-Z]{5}-[2-9A-Z]{5})</code>`)
	consoleTOTPPath = "/konto/sicherheit/totp"
)

// In Mein Konto a citizen sets up TOTP (the recovery codes shown right
// after), makes new recovery codes, and removes TOTP with the password;
// each change is in the audit log.
func TestConsoleTOTPLifecycle(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	db := openDB(t, vars)
	b := browser(t)
	resp, page := fetch(t, b, n.url+consoleTOTPPath)
	require.Equal(t, "/anmelden", resp.Request.URL.Path)
	resp, page = submit(t, b, n.url, "/anmelden", page, url.Values{"login": {"erika"}, "password": {webPassword},
		"weiter": {consoleTOTPPath}})
	require.Equal(t, consoleTOTPPath, resp.Request.URL.Path)
	require.Contains(t, page, "nicht eingerichtet")

	resp, page = submit(t, b, n.url, consoleTOTPPath+"/einrichten", page, url.Values{})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	m := secretOnPage.FindStringSubmatch(page)
	require.Len(t, m, 2, "the secret to type in")
	require.Contains(t, page, `<svg`)
	secret := strings.ReplaceAll(m[1], " ", "")
	resp, _ = submit(t, b, n.url, consoleTOTPPath+"/bestaetigen", page, url.Values{"code": {"000000"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	code, err := totp.GenerateCode(secret, time.Now())
	require.NoError(t, err)
	resp, page = submit(t, b, n.url, consoleTOTPPath+"/bestaetigen", page, url.Values{"code": {code}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	first := recoveryOnPage.FindAllStringSubmatch(page, -1)
	require.Len(t, first, 10)

	_, page = fetch(t, b, n.url+"/konto/sicherheit/wiederherstellungscodes")
	require.Contains(t, page, "<strong>10</strong>")
	resp, page = submit(t, b, n.url, "/konto/sicherheit/wiederherstellungscodes", page, url.Values{})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	second := recoveryOnPage.FindAllStringSubmatch(page, -1)
	require.Len(t, second, 10)
	require.NotEqual(t, first[0][1], second[0][1])

	resp, page = submit(t, b, n.url, consoleTOTPPath+"/entfernen", page, url.Values{"current_password": {"falsch-falsch"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	resp, page = submit(t, b, n.url, consoleTOTPPath+"/entfernen", page, url.Values{"code": {"000000"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, "Der Code ist falsch")
	resp, page = submit(t, b, n.url, consoleTOTPPath+"/entfernen", page, url.Values{})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, "Bitte geben Sie Ihr Passwort oder einen aktuellen Code")
	resp, page = submit(t, b, n.url, consoleTOTPPath+"/entfernen", page, url.Values{"current_password": {webPassword}})
	require.Equal(t, consoleTOTPPath, resp.Request.URL.Path)
	require.Contains(t, page, "wurde entfernt")
	require.Zero(t, count(t, db, `SELECT COUNT(*) FROM account_totp`))
	require.Zero(t, count(t, db, `SELECT COUNT(*) FROM account_recovery_codes`), "no factor left: no recovery codes")
	for _, typ := range []string{"mfa.totp.enrolled", "mfa.recovery_codes.regenerated", "mfa.totp.removed"} {
		require.Positive(t, count(t, db, `SELECT COUNT(*) FROM audit_log WHERE type = $1`, typ), typ)
	}
}
