package e2e

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"
	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
)

// TestJourneyTOTP: a citizen sets up an authenticator app in the console,
// logs in at a service with password and code (a wrong code refused),
// then with a recovery code, which works once.
func TestJourneyTOTP(t *testing.T) {
	j := newJourney(t)
	j.CreateAccount("erika", "erika@example.de", journeyPassword)
	j.Open("/konto/sicherheit/totp")
	j.LoginPassword("erika", journeyPassword)
	require.Equal(t, "/konto/sicherheit/totp", j.Path())
	j.Click("#totp-einrichten")
	j.RequireAccessible()
	secret := j.totpSecret()
	j.totpSubmit(`/konto/sicherheit/totp/bestaetigen`, "000000")
	require.Contains(t, j.Text("#fehler"), "Der Code ist falsch")
	j.totpSubmit(`/konto/sicherheit/totp/bestaetigen`, totpCode(t, secret, 0))
	codes := j.totpRecoveryCodes()
	j.RequireAccessible()

	rp := j.RP(true, "openid")
	j.totpLogout()
	j.Open(rp.StartURL())
	j.LoginPassword("erika", journeyPassword)
	require.Equal(t, "/anmelden/zweiter-faktor", j.Path())
	j.RequireAccessible()
	j.totpSubmit("/anmelden/zweiter-faktor", "000000")
	require.Contains(t, j.Text("#fehler"), "Der Code ist falsch")
	j.RequireAccessible()
	// The confirmation took the current step: the next one is in the skew.
	j.totpSubmit("/anmelden/zweiter-faktor", totpCode(t, secret, 30*time.Second))
	require.Equal(t, []any{"pwd", "otp", "mfa"}, j.Claims()["amr"])

	j.totpLogout()
	j.Open(rp.StartURL())
	j.LoginPassword("erika", journeyPassword)
	j.Click(`a[href="/anmelden/wiederherstellungscode"]`)
	j.RequireAccessible()
	j.totpSubmit("/anmelden/wiederherstellungscode", strings.ToLower(codes[0]))
	require.Equal(t, []any{"pwd", "otp", "mfa"}, j.Claims()["amr"])

	j.totpLogout()
	j.Open(rp.StartURL())
	j.LoginPassword("erika", journeyPassword)
	j.Open("/anmelden/wiederherstellungscode")
	j.totpSubmit("/anmelden/wiederherstellungscode", codes[0])
	require.Contains(t, j.Text("#fehler"), "Der Code ist falsch", "a recovery code works once")
}

// TestJourneyTOTPStaffEnrols: a staff account without a second factor
// must set up TOTP during its first login, before it has a session.
func TestJourneyTOTPStaffEnrols(t *testing.T) {
	j := newJourney(t)
	staff := &account.Account{Kind: account.Staff, Username: "sachbearbeiter", Email: "sb@example.de",
		EmailVerified: true, Organisation: "Landkreis Vorpommern-Greifswald"}
	auth := account.NewAuthenticator(account.NewStore(j.App.DB), account.DefaultParams, account.DefaultThrottle)
	require.NoError(t, auth.Create(context.Background(), staff, journeyPassword))

	j.Open("/konto")
	j.LoginPassword("sachbearbeiter", journeyPassword)
	require.Equal(t, "/anmelden/zweiter-faktor/einrichten", j.Path())
	j.RequireAccessible()
	var sessions int
	require.NoError(t, j.App.DB.QueryRowContext(context.Background(),
		`SELECT COUNT(*) FROM login_sessions WHERE account_id = $1`, staff.ID).Scan(&sessions))
	require.Zero(t, sessions, "no session before the second factor")
	j.totpSubmit("/anmelden/zweiter-faktor/einrichten", totpCode(t, j.totpSecret(), 0))
	require.Len(t, j.totpRecoveryCodes(), 10)
	j.RequireAccessible()
	j.Click("#weiter")
	require.Equal(t, "/konto", j.Path())
}

func totpCode(t *testing.T, secret string, d time.Duration) string {
	c, err := totp.GenerateCode(secret, time.Now().Add(d))
	require.NoError(t, err)
	return c
}

// totpSecret reads the key shown for typing into an app.
func (j *journey) totpSecret() string {
	j.t.Helper()
	return strings.ReplaceAll(j.Text("#totp-schluessel"), " ", "")
}

// totpSubmit types code into the form posting to action and sends it.
func (j *journey) totpSubmit(action, code string) {
	j.t.Helper()
	form := `form[action="` + action + `"]`
	j.Fill(form+" #code", code)
	j.Click(form + " button[type=submit]")
}

var totpRecoveryCode = regexp.MustCompile(`[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}`)

// totpRecoveryCodes reads the recovery codes the page shows once.
func (j *journey) totpRecoveryCodes() []string {
	j.t.Helper()
	codes := totpRecoveryCode.FindAllString(j.Text("#wiederherstellungscodes"), -1)
	require.Len(j.t, codes, 10)
	return codes
}

// totpLogout drops the login cookie, as closing the browser would.
func (j *journey) totpLogout() {
	j.t.Helper()
	j.Run(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.DeleteCookies, network.DeleteCookiesParams{Name: "mvnk_login", URL: j.URL})
		return err
	}))
}
