package e2e

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// A new citizen registers, confirms the address from the mail, logs in at
// a service of another provider, agrees to share data and is back at the
// service; the second visit asks no more; revoking in "Mein Konto" makes
// the service ask again, and a refusal reaches the service as
// access_denied.
func TestJourneyRegisterConsentRevoke(t *testing.T) {
	j := newJourney(t)
	rp := j.RP(false, "openid", "profile", "email")

	j.Open("/registrieren")
	j.RequireAccessible()
	j.Fill("#username", "ayse")
	j.Fill("#email", "ayse@example.de")
	j.Fill("#password", journeyPassword)
	j.Fill("#password_repeat", journeyPassword)
	j.Click(`form[action="/registrieren"] button[type=submit]`)
	j.RequireAccessible()
	_, body := j.LastMail("ayse@example.de")
	j.Open(j.Link(body, "/registrieren/bestaetigen"))
	j.RequireAccessible()
	j.Click(`form[action="/registrieren/bestaetigen"] button[type=submit]`)
	j.RequireAccessible()

	j.Open(rp.StartURL())
	j.LoginPassword("ayse", journeyPassword)
	require.Contains(t, j.Text("h1"), "Testdienst möchte Daten")
	require.Contains(t, j.Text("#daten"), "E-Mail-Adresse")
	j.RequireAccessible()
	j.Click(`button[value=zulassen]`)
	claims := j.Claims()
	require.Equal(t, "STORK-QAA-Level-1", claims["acr"])
	info := j.UserInfo()
	require.Equal(t, "ayse@example.de", info["email"])
	require.Equal(t, "ayse", info["preferred_username"])

	j.Open(rp.StartURL())
	require.NotEmpty(t, j.Claims()["sub"], "the second visit goes straight back")

	j.Open("/konto/dienste")
	require.Contains(t, j.Fetch("/konto/datenschutz/export"), `"name": "Testdienst"`, "the data download names the service")
	require.Contains(t, j.Text("main"), "Testdienst")
	j.RequireAccessible()
	j.Click(`form[action="/konto/dienste/entziehen"] button[type=submit]`)
	j.RequireAccessible()
	j.Click(`form[action="/konto/dienste/entziehen"] button[type=submit]`)
	require.NotContains(t, j.Text("main"), "Testdienst")

	j.Open(rp.StartURL())
	require.Contains(t, j.Text("h1"), "Testdienst möchte Daten", "asked again after the revocation")
	j.Click(`button[value=ablehnen]`)
	require.Equal(t, "access_denied", j.Text("#error"))
}
