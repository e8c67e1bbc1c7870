package app_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

// "Passwort vergessen" answers the same for any address; the mailed link
// sets a new password once and ends the account's sessions.
func TestPasswordReset(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	db := openDB(t, vars)
	b := browser(t)
	_, page := fetch(t, b, n.url+"/anmelden")
	resp, _ := submit(t, b, n.url, "/anmelden", page, url.Values{"login": {"erika"}, "password": {webPassword}})
	require.Equal(t, n.url+"/", resp.Request.URL.String(), "without weiter: the start page")
	require.Equal(t, 1, count(t, db, `SELECT COUNT(*) FROM login_sessions`))

	_, page = fetch(t, b, n.url+"/passwort-vergessen")
	_, unknown := submit(t, b, n.url, "/passwort-vergessen", page, url.Values{"login": {"niemand@example.de"}})
	_, known := submit(t, b, n.url, "/passwort-vergessen", page, url.Values{"login": {"erika@example.de"}})
	require.Contains(t, known, "Wenn es ein Konto mit dieser Adresse gibt, haben wir eine E-Mail geschickt.")
	require.Equal(t, unknown, known)

	link := mailLink(t, db, "erika@example.de", "/passwort-neu")
	resp, page = fetch(t, b, link)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	token, _ := url.Parse(link)
	form := url.Values{"token": {token.Query().Get("token")}, "password": {"passwort"}, "password_repeat": {"passwort"}}
	resp, body := submit(t, b, n.url, "/passwort-neu", page, form)
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, body, "zu bekannt")

	newPassword := "Leuchtturm am Darßer Ort"
	form.Set("password", newPassword)
	form.Set("password_repeat", newPassword)
	_, body = submit(t, b, n.url, "/passwort-neu", body, form)
	require.Contains(t, body, "Ihr Passwort ist geändert")
	require.Zero(t, count(t, db, `SELECT COUNT(*) FROM login_sessions`), "a reset ends every session")
	resp, _ = submit(t, b, n.url, "/passwort-neu", body, form)
	require.Equal(t, http.StatusBadRequest, resp.StatusCode, "the link works once")

	_, page = fetch(t, b, n.url+"/anmelden")
	resp, _ = submit(t, b, n.url, "/anmelden", page, url.Values{"login": {"erika"}, "password": {webPassword}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, "the old password no longer works")
	resp, _ = submit(t, b, n.url, "/anmelden", page, url.Values{"login": {"erika"}, "password": {newPassword}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, n.url+"/", resp.Request.URL.String())
}
