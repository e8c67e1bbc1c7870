package console_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// A password change needs the current password, keeps this session,
// ends the others and sends a notice.
func TestPasswordChange(t *testing.T) {
	f := newFixture(t)
	b, other := f.login(), f.login()
	b.get("/konto/sicherheit/passwort")
	resp, page := b.post("/konto/sicherheit/passwort", url.Values{"current_password": {"falsch"},
		"password": {"Neues Passwort am Schweriner See"}, "password_repeat": {"Neues Passwort am Schweriner See"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, "Das aktuelle Passwort ist falsch.")
	resp, page = b.post("/konto/sicherheit/passwort", url.Values{"current_password": {password},
		"password": {"12345678"}, "password_repeat": {"anders"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, `href="#password"`)
	require.Contains(t, page, `href="#password_repeat"`)

	resp, _ = b.post("/konto/sicherheit/passwort", url.Values{"current_password": {password},
		"password": {"Neues Passwort am Schweriner See"}, "password_repeat": {"Neues Passwort am Schweriner See"}})
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	resp, page = b.get("/konto/sicherheit?geaendert=passwort")
	require.Equal(t, http.StatusOK, resp.StatusCode, "this session stays")
	require.Contains(t, page, "Ihr Passwort wurde geändert.")
	resp, _ = other.get("/konto")
	require.Equal(t, http.StatusSeeOther, resp.StatusCode, "the other session ended")
	require.Contains(t, f.mail.last(t, "erika@example.de").Subject, "Passwort wurde geändert")
	_, err := f.con.Accounts.Login(context.Background(), "erika", "Neues Passwort am Schweriner See", "")
	require.NoError(t, err)
}

var linkRE = regexp.MustCompile(`http://\S+/konto/email-bestaetigen\?token=\S+`)

// The address changes only when the link to the new one is used (by a
// POST behind it); the old address gets a notice.
func TestEmailChange(t *testing.T) {
	f := newFixture(t)
	b := f.login()
	b.get("/konto/sicherheit/email")
	resp, page := b.post("/konto/sicherheit/email", url.Values{"email": {"erika@example.de"}, "current_password": {password}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, "Das ist bereits Ihre E-Mail-Adresse.")
	resp, page = b.post("/konto/sicherheit/email", url.Values{"email": {"erika@neu.example"}, "current_password": {password}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "Wir haben einen Link an erika@neu.example gesendet.")

	link := linkRE.FindString(f.mail.last(t, "erika@neu.example").Text)
	require.NotEmpty(t, link)
	other := f.browser() // another device, not logged in
	resp, _ = other.get(link[len(f.srv.URL):])
	require.Equal(t, http.StatusOK, resp.StatusCode)
	acct, err := f.con.Accounts.Store.GetByID(context.Background(), f.acct.ID)
	require.NoError(t, err)
	require.Equal(t, "erika@example.de", acct.Email, "a GET changes nothing")
	u, _ := url.Parse(link)
	resp, page = other.post("/konto/email-bestaetigen", url.Values{"token": {u.Query().Get("token")}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "erika@neu.example")
	require.Contains(t, f.mail.last(t, "erika@example.de").Text, "erika@neu.example")
	resp, _ = other.post("/konto/email-bestaetigen", url.Values{"token": {u.Query().Get("token")}})
	require.Equal(t, http.StatusBadRequest, resp.StatusCode, "single use")
}
