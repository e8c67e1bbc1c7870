package e2e

import (
	"testing"

	"github.com/stretchr/testify/require"
)

const journeyPassword = "Ostseewind über Warnemünde"

// A citizen starts at a first-party service, logs in with a password and
// is back at the service with an ID token of a password login.
func TestJourneyPasswordLogin(t *testing.T) {
	j := newJourney(t)
	j.CreateAccount("erika", "erika@example.de", journeyPassword)
	rp := j.RP(true, "openid")

	j.Open(rp.StartURL())
	require.Equal(t, "/anmelden", j.Path())
	j.RequireAccessible()
	j.LoginPassword("erika", "falsches Passwort")
	require.Contains(t, j.Text(".kern-alert, [role=alert]"), "Benutzername oder Passwort ist falsch")
	j.RequireAccessible()
	j.LoginPassword("Erika@Example.de", journeyPassword)
	claims := j.Claims()
	require.Equal(t, "STORK-QAA-Level-1", claims["acr"])
	require.Equal(t, []any{"pwd"}, claims["amr"])
	require.NotEmpty(t, claims["sub"])
}

// A citizen who forgot the password asks for a link, sets a new password
// from the mail and logs in with it; the old one no longer works.
func TestJourneyPasswordReset(t *testing.T) {
	j := newJourney(t)
	j.CreateAccount("jens", "jens@example.de", journeyPassword)

	j.Open("/anmelden")
	j.Click(`a[href="/passwort-vergessen"]`)
	j.RequireAccessible()
	j.Fill("#login", "jens@example.de")
	j.Click(`form[action="/passwort-vergessen"] button[type=submit]`)
	require.Contains(t, j.Text("main"), "Wenn es ein Konto mit dieser Adresse gibt")

	_, body := j.LastMail("jens@example.de")
	j.Open(j.Link(body, "/passwort-neu"))
	j.RequireAccessible()
	const fresh = "Kreidefelsen auf Rügen im Herbst"
	j.Fill("#password", fresh)
	j.Fill("#password_repeat", "etwas anderes")
	j.Click(`form[action="/passwort-neu"] button[type=submit]`)
	require.Contains(t, j.Text("main"), "stimmen nicht überein")
	j.RequireAccessible()
	j.Fill("#password", fresh)
	j.Fill("#password_repeat", fresh)
	j.Click(`form[action="/passwort-neu"] button[type=submit]`)
	j.RequireAccessible()

	j.LoginPassword("jens", journeyPassword)
	require.Equal(t, "/anmelden", j.Path(), "the old password is refused")
	j.LoginPassword("jens", fresh)
	require.NotEqual(t, "/anmelden", j.Path())
}
