package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"mvnk/eid/simulator"
	"mvnk/eid/trust"
	"mvnk/idp"
	"mvnk/idp/account"
	"mvnk/internal/app"
)

// eidJourney is a journey whose login has the eID simulator (the app
// wires it in development mode; until it does, the test does).
func eidJourney(t *testing.T, setup ...func(*app.Main)) *journey {
	j := newJourney(t, setup...)
	if j.App.Console.Login.Bridge == nil {
		_, err := j.App.DB.Migrate(context.Background(), simulator.Migrations)
		require.NoError(t, err)
		sim, err := simulator.New(j.App.Portal, j.App.DB, simulator.Options{Dev: true})
		require.NoError(t, err)
		j.App.Console.Login.Bridge = sim
	}
	return j
}

// eidSimulate goes through the simulator from the eID page: start, pick
// the test person, keep the attributes, enter the PIN (once wrong first
// when wrongFirst). Every page is checked with axe-core.
func (j *journey) eidSimulate(person string, wrongFirst bool) {
	j.t.Helper()
	require.Equal(j.t, "/anmelden/eid", j.Path())
	j.RequireAccessible()
	j.Click("#eid-starten")
	require.Equal(j.t, simulator.Path, j.Path())
	require.Contains(j.t, j.Text("#test-eid-hinweis"), "Test-eID – keine echte Identifizierung")
	j.RequireAccessible()
	j.Run(chromedp.Click(chromedp.CSS("#person-" + person)))
	j.Click("#sim-weiter")
	require.Contains(j.t, j.Text("h1"), "Diese Daten werden ausgelesen")
	j.RequireAccessible()
	j.Click("#sim-weiter")
	require.Contains(j.t, j.Text("h1"), "PIN eingeben")
	j.RequireAccessible()
	if wrongFirst {
		j.Fill("#pin", "000000")
		j.Click("#sim-pin")
		require.Contains(j.t, j.Text("#pin-fehler"), "PIN ist falsch")
		j.RequireAccessible()
	}
	j.Fill("#pin", simulator.TestPIN)
	j.Click("#sim-pin")
}

// A client asking for STORK-QAA-Level-4 gets a password user stepped up
// through the simulator: acr STORK-QAA-Level-4 with eid in amr, and the
// card's data in the account, read-only.
func TestJourneyEIDStepUpSTORK(t *testing.T) {
	j := eidJourney(t)
	rp := j.RP(true, "openid", "profile")
	acct := j.CreateAccount("erika", "erika@example.de", journeyPassword)

	j.Open(rp.StartURL() + "?acr_values=STORK-QAA-Level-4")
	j.LoginPassword("erika", journeyPassword)
	j.eidSimulate("erika", true)
	claims := j.Claims()
	require.Equal(t, "STORK-QAA-Level-4", claims["acr"])
	require.Contains(t, claims["amr"], "eid")
	require.Contains(t, claims["amr"], "pwd")
	require.NotNil(t, claims["auth_time"])

	attrs, err := account.NewStore(j.App.DB).Attributes(context.Background(), acct.ID)
	require.NoError(t, err)
	byName := map[string]account.Attribute{}
	for _, a := range attrs {
		byName[a.Name] = a
	}
	require.Equal(t, "MUSTERMANN", byName[account.AttrFamilyName].Value)
	require.Equal(t, simulator.Source, byName[account.AttrFamilyName].Source)
	require.Equal(t, account.LevelHoch, byName[account.AttrFamilyName].Level)
	require.Equal(t, "1964-08-12", byName[account.AttrBirthdate].Value)
	require.NotEmpty(t, byName["restricted_id"].Value)
	require.NotEqual(t, byName["restricted_id"].Value, claims["sub"], "sub is never the RestrictedID")

	// The same card for another account is refused, with a clear page.
	j.CreateAccount("erika2", "erika2@example.de", journeyPassword)
	j.Open("/oauth2/logout")
	j.Click(`main form.mvnk-stack button[type=submit]`)
	j.Open(rp.StartURL() + "?acr_values=STORK-QAA-Level-4")
	j.LoginPassword("erika2", journeyPassword)
	j.eidSimulate("erika", false)
	require.Contains(t, j.Text("h1"), "gehört zu einem anderen Konto")
	j.RequireAccessible()
}

// The same in eIDAS words: the acr comes back in the vocabulary asked in.
func TestJourneyEIDStepUpEIDAS(t *testing.T) {
	j := eidJourney(t)
	rp := j.RP(true, "openid")
	j.CreateAccount("jens", "jens@example.de", journeyPassword)

	j.Open(rp.StartURL() + "?acr_values=http%3A%2F%2Feidas.europa.eu%2FLoA%2Fhigh")
	j.LoginPassword("jens", journeyPassword)
	j.eidSimulate("umlaute", false)
	claims := j.Claims()
	require.Equal(t, "http://eidas.europa.eu/LoA/high", claims["acr"])
	require.Contains(t, claims["amr"], "eid")
}

// A client registered with minimum level 3 is not talked down by a
// request for level 1.
func TestJourneyEIDClientMinimum(t *testing.T) {
	j := eidJourney(t)
	rp := j.RP(true, "openid")
	require.NoError(t, idp.NewClientStore(j.App.DB).UpdateClient(context.Background(), rp.ClientID,
		func(c *idp.Client) error { c.MinTrustLevel = int(trust.Substanziell); return nil }))
	j.CreateAccount("lena", "lena@example.de", journeyPassword)

	j.Open(rp.StartURL() + "?acr_values=STORK-QAA-Level-1")
	j.LoginPassword("lena", journeyPassword)
	require.Equal(t, "/anmelden/eid", j.Path(), "a password is not enough")
	j.eidSimulate("eidas", false)
	level, _, ok := trust.Parse(j.Claims()["acr"].(string))
	require.True(t, ok)
	require.GreaterOrEqual(t, level, trust.Substanziell)
}

// Cancel in the simulator reaches the client as access_denied; later,
// prompt=none below the level is login_required without a page.
func TestJourneyEIDCancelAndPromptNone(t *testing.T) {
	j := eidJourney(t)
	rp := j.RP(true, "openid")
	j.CreateAccount("olaf", "olaf@example.de", journeyPassword)

	j.Open(rp.StartURL() + "?acr_values=STORK-QAA-Level-4")
	j.LoginPassword("olaf", journeyPassword)
	j.Click("#eid-starten")
	j.Click("#sim-abbrechen")
	require.Equal(t, "access_denied", j.Text("#error"))

	j.Open(rp.StartURL() + "?acr_values=STORK-QAA-Level-4&prompt=none")
	require.Equal(t, "/callback", j.Path())
	require.Equal(t, "login_required", j.Text("#error"))
}

// "Mit Online-Ausweis anmelden" with an unknown card registers a new
// account linked to it; the next eID login finds it again.
func TestJourneyEIDRegister(t *testing.T) {
	j := eidJourney(t)
	rp := j.RP(true, "openid")

	j.Open(rp.StartURL() + "?acr_values=STORK-QAA-Level-4")
	j.RequireAccessible()
	j.Click("#eid-anmelden")
	j.eidSimulate("doktor", false)
	require.Equal(t, "/anmelden/eid/registrieren", j.Path())
	require.Contains(t, j.Text("main"), "FRIEDERIKE HOFFMANN")
	j.RequireAccessible()
	j.Click("#eid-registrieren")
	require.Contains(t, j.Text("#fehler"), "Benutzernamen")
	j.RequireAccessible()
	j.Fill("#username", "friederike")
	j.Fill("#email", "friederike@example.de")
	j.Click("#eid-registrieren")
	claims := j.Claims()
	require.Equal(t, "STORK-QAA-Level-4", claims["acr"])
	require.Equal(t, []any{"eid"}, claims["amr"])

	st := account.NewStore(j.App.DB)
	acct, err := st.GetByLogin(context.Background(), "friederike")
	require.NoError(t, err)
	require.Equal(t, account.LevelHoch, acct.TrustLevel)
	require.False(t, acct.EmailVerified, "the address is confirmed by link")
	subject, _ := j.LastMail("friederike@example.de")
	require.Contains(t, subject, "bestätigen")
	links, err := st.EIDLinks(context.Background(), acct.ID)
	require.NoError(t, err)
	require.Len(t, links, 1)
}
