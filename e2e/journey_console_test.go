package e2e

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// A citizen looks after the account in "Mein Konto": personal data
// (errors first), another device logged out, a new password, the session
// countdown extended and run out, the data downloaded, and the account
// deleted; then the login fails.
func TestJourneyConsole(t *testing.T) {
	j := newJourney(t)
	acct := j.CreateAccount("erika", "erika@example.de", journeyPassword)
	j.Open("/konto")
	j.LoginPassword("erika", journeyPassword)
	require.Equal(t, "/konto", j.Path())
	j.RequireAccessible()

	consoleProfile(j)
	consoleSessions(j, acct.ID)
	consolePassword(j)
	consoleCountdown(j)
	j.LoginPassword("erika", consoleNewPassword)
	consoleEnglish(j)
	consoleExport(j)
	consoleDelete(j)
}

const consoleNewPassword = "Neues Passwort am Schweriner See"

func consoleProfile(j *journey) {
	j.Open("/konto/daten")
	j.RequireAccessible()
	j.Fill("#postal_code", "1905")
	j.Fill("#birthdate", "31")
	j.Fill("#birthdate-monat", "2")
	j.Fill("#birthdate-jahr", "1985")
	require.EqualValues(j.t, 422, j.Click(`form[action="/konto/daten"] button[type=submit]`))
	summary := j.Text("#fehler")
	require.Contains(j.t, summary, "Eine deutsche Postleitzahl hat 5 Ziffern")
	require.Contains(j.t, summary, "Das Geburtsdatum muss ein echtes Datum sein")
	j.RequireAccessible()
	j.Fill("#postal_code", "19053")
	j.Fill("#birthdate", "28")
	j.Fill("#given_name", "Erika")
	j.Fill("#locality", "Schwerin")
	require.EqualValues(j.t, 200, j.Click(`form[action="/konto/daten"] button[type=submit]`))
	require.Contains(j.t, j.Text("main [role=status]"), "Ihre Angaben wurden gespeichert.")
	j.RequireAccessible()
}

// consoleSessions ends a second session made through the store.
func consoleSessions(j *journey, accountID string) {
	_, other, err := j.App.Console.Login.Sessions.Create(context.Background(), accountID, "STORK-QAA-Level-1", []string{"pwd"})
	require.NoError(j.t, err)
	j.Open("/konto/sitzungen")
	require.Contains(j.t, j.Text("table"), "(diese Sitzung)")
	j.RequireAccessible()
	j.Click(`tr[id="sitzung-` + other.SID + `"] button`)
	require.Contains(j.t, j.Text("main [role=status]"), "Die Sitzung wurde beendet.")
	list, err := j.App.Console.Login.Sessions.List(context.Background(), accountID)
	require.NoError(j.t, err)
	require.Len(j.t, list, 1)
	j.RequireAccessible()
}

func consolePassword(j *journey) {
	j.Open("/konto/sicherheit")
	j.RequireAccessible()
	j.Click(`a[href="/konto/sicherheit/passwort"]`)
	j.RequireAccessible()
	j.Fill("#current_password", journeyPassword)
	j.Fill("#password", consoleNewPassword)
	j.Fill("#password_repeat", consoleNewPassword)
	j.Click(`form[action="/konto/sicherheit/passwort"] button[type=submit]`)
	require.Equal(j.t, "/konto/sicherheit", j.Path())
	require.Contains(j.t, j.Text("main [role=status]"), "Ihr Passwort wurde geändert.")
	subject, _ := j.LastMail("erika@example.de")
	require.Contains(j.t, subject, "Passwort wurde geändert")
}

// consoleCountdown: with 4 idle minutes the warning shows at once; the
// button extends the server-side session. With 3 seconds the session
// runs out and the page says so, with the login.
func consoleCountdown(j *journey) {
	sessions := j.App.Console.Login.Sessions
	sessions.Idle = 4 * time.Minute
	defer func() { sessions.Idle = 30 * time.Minute }()
	j.Open("/konto")
	j.WaitFor(`!document.getElementById("sitzung-warnung").hidden`)
	j.WaitFor(`document.getElementById("sitzung-status").textContent.includes("Ihre Sitzung endet bald")`)
	j.RequireAccessible()
	before := consoleEnd(j)
	time.Sleep(1100 * time.Millisecond) // the end is to the second
	j.Run(chromedp.Click(chromedp.CSS("#sitzung-verlaengern")))
	j.WaitFor(`document.getElementById("sitzung").dataset.ende !== "` + before + `"`)
	j.WaitFor(`document.getElementById("sitzung-status").textContent.includes("verlängert")`)
	after, err := time.Parse(time.RFC3339, consoleEnd(j))
	require.NoError(j.t, err)
	old, _ := time.Parse(time.RFC3339, before)
	require.True(j.t, after.After(old), "the end moved: %s → %s", old, after)

	sessions.Idle = 3 * time.Second
	j.Open("/konto")
	j.WaitFor(`!document.getElementById("sitzung-abgelaufen").hidden`)
	require.Contains(j.t, j.Text("#sitzung-abgelaufen"), "Ihre Sitzung ist abgelaufen")
	j.RequireAccessible()
	j.Click(`#sitzung-abgelaufen a`)
	require.Equal(j.t, "/anmelden", j.Path())
}

func consoleEnd(j *journey) string {
	end, err := chromedp.Run(j.ctx, chromedp.Evaluate[string](`document.getElementById("sitzung").dataset.ende`))
	require.NoError(j.t, err)
	return end
}

// consoleEnglish switches the language in the footer and back.
func consoleEnglish(j *journey) {
	j.Open("/konto/datenschutz")
	j.Click(`button[name=lang][value=en]`)
	require.Contains(j.t, j.Text("h1"), "My data")
	require.Contains(j.t, j.Text("#sitzung"), "Extend session")
	j.RequireAccessible()
	j.Click(`button[name=lang][value=de]`)
	require.Contains(j.t, j.Text("h1"), "Meine Daten")
	j.RequireAccessible()
}

func consoleExport(j *journey) {
	body, err := chromedp.Run(j.ctx, chromedp.Evaluate[string](
		`fetch(document.getElementById("export").href).then(r => r.text())`, chromedp.EvalAwaitPromise))
	require.NoError(j.t, err)
	var data struct {
		Account    struct{ Username string }
		Attributes []struct{ Name, Value, Source string }
		Sessions   []struct{ Current bool }
	}
	require.NoError(j.t, json.Unmarshal([]byte(body), &data), body)
	require.Equal(j.t, "erika", data.Account.Username)
	require.NotEmpty(j.t, data.Attributes)
	require.Equal(j.t, "self", data.Attributes[0].Source)
	require.Len(j.t, data.Sessions, 1)
}

func consoleDelete(j *journey) {
	j.Fill("#current_password", consoleNewPassword)
	require.EqualValues(j.t, 422, j.Click(`form[action="/konto/loeschen"] button[type=submit]`))
	require.Contains(j.t, j.Text("#fehler"), "Bitte bestätigen Sie")
	j.RequireAccessible()
	j.Run(chromedp.Click(chromedp.CSS("#bestaetigen")))
	j.Fill("#current_password", consoleNewPassword)
	j.Click(`form[action="/konto/loeschen"] button[type=submit]`)
	require.Equal(j.t, "/konto/geloescht", j.Path())
	j.RequireAccessible()
	j.LoginPassword("erika", consoleNewPassword)
	require.Contains(j.t, j.Text(".kern-alert, [role=alert]"), "Benutzername oder Passwort ist falsch")
}
