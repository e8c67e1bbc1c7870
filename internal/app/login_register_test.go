package app_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/store"
)

// mailText waits for the dev mailbox to hold a mail to rcpt containing
// want (a regular expression) and returns the match.
func mailText(t *testing.T, db *store.DB, rcpt, want string) string {
	t.Helper()
	re := regexp.MustCompile(want)
	var found string
	require.Eventually(t, func() bool {
		var text string
		err := db.QueryRowContext(context.Background(), `SELECT text_body FROM mail_dev
			WHERE recipient = $1 ORDER BY received_at DESC LIMIT 1`, rcpt).Scan(&text)
		found = re.FindString(text)
		return err == nil && found != ""
	}, 20*time.Second, 50*time.Millisecond, "no mail to %s with %s", rcpt, want)
	return found
}

// mailLink is the link with a token to path in the last mail to rcpt.
func mailLink(t *testing.T, db *store.DB, rcpt, path string) string {
	return mailText(t, db, rcpt, `http://\S+`+regexp.QuoteMeta(path)+`\?token=\S+`)
}

// Register, confirm by the mailed link, then log in through the code flow.
func TestRegisterConfirmAndLogIn(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	db := openDB(t, vars)
	b := browser(t)
	_, page := fetch(t, b, n.url+"/registrieren")
	resp, body := submit(t, b, n.url, "/registrieren", page, url.Values{"username": {"max"},
		"email": {"max@example.de"}, "password": {"abcdefgh"}, "password_repeat": {"anders"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, body, "einfachen Folge", "policy message")
	require.Contains(t, body, "Die beiden Passwörter stimmen nicht überein.")
	require.Contains(t, body, `value="max@example.de"`, "input kept")
	require.NotContains(t, body, "abcdefgh", "password not echoed")

	resp, body = submit(t, b, n.url, "/registrieren", body, url.Values{"username": {"max"},
		"email": {"max@example.de"}, "password": {webPassword}, "password_repeat": {webPassword}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, body, "Bitte bestätigen Sie Ihre E-Mail-Adresse")

	_, page = fetch(t, b, n.url+"/anmelden")
	_, body = submit(t, b, n.url, "/anmelden", page, url.Values{"login": {"max"}, "password": {webPassword}})
	require.Contains(t, body, "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse", "the password's holder learns why")

	link := mailLink(t, db, "max@example.de", "/registrieren/bestaetigen")
	resp, page = fetch(t, b, link)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, 1, count(t, db, `SELECT COUNT(*) FROM accounts WHERE username = 'max' AND state = 'pending'`),
		"GET changes nothing (mail scanners follow links)")
	token, _ := url.Parse(link)
	_, body = submit(t, b, n.url, "/registrieren/bestaetigen", page, url.Values{"token": {token.Query().Get("token")}})
	require.Contains(t, body, "Ihr Konto ist bereit")
	require.Equal(t, 1, count(t, db, `SELECT COUNT(*) FROM accounts WHERE username = 'max' AND state = 'active'`))
	_, body = submit(t, b, n.url, "/registrieren/bestaetigen", page, url.Values{"token": {token.Query().Get("token")}})
	require.Contains(t, body, "Link ungültig", "single use")

	rp := newRelyingParty(t, n, vars)
	resp, page = rp.start(t, b)
	resp, _ = submit(t, b, n.url, "/anmelden", page, url.Values{"login": {"max"}, "password": {webPassword},
		"weiter": {resp.Request.URL.Query().Get("weiter")}})
	idt, _ := rp.idToken(t, resp)
	require.NotEmpty(t, idt.Subject)
}

// Registering an address that has an account already answers the same
// and mails the holder instead.
func TestRegisterTakenAddressTellsNothing(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	db := openDB(t, vars)
	b := browser(t)
	_, page := fetch(t, b, n.url+"/registrieren")
	resp, body := submit(t, b, n.url, "/registrieren", page, url.Values{"username": {"erika2"},
		"email": {"erika@example.de"}, "password": {webPassword}, "password_repeat": {webPassword}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, body, "Bitte bestätigen Sie Ihre E-Mail-Adresse")
	require.Equal(t, n.url+"/passwort-vergessen", mailText(t, db, "erika@example.de", `http://\S+/passwort-vergessen`))
	require.Zero(t, count(t, db, `SELECT COUNT(*) FROM accounts WHERE username = 'erika2'`))
}
