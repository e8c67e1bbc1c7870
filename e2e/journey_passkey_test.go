package e2e

import (
	"context"
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
)

// TestJourneyPasskey: a citizen registers a passkey in the console, logs
// in with it without a password, and then finds it asked as the second
// factor after the password. Chromium's virtual authenticator plays the
// device: a platform authenticator with discoverable credentials and
// user verification that always succeeds, whose passkeys are synced
// (backup eligible and backed up).
func TestJourneyPasskey(t *testing.T) {
	j := passkeyJourney(t)
	const pw = "Ostseewind über Warnemünde"
	acct := j.CreateAccount("passkey.nutzerin", "passkey@example.de", pw)

	j.Open("/konto/sicherheit/passkeys")
	j.LoginPassword("passkey.nutzerin", pw)
	require.Equal(t, "/konto/sicherheit/passkeys", j.Path())
	j.WaitFor(`!document.getElementById("passkey-hinzufuegen").hidden`)
	j.RequireAccessible()

	j.Fill("#passkey-name", "Mein Laptop")
	j.Run(chromedp.Click("#passkey-register-button"))
	j.passkeyWaitFor(`location.search.includes("geaendert=hinzugefuegt") && document.readyState === "complete"`)
	require.Contains(t, j.Text("main table"), "Mein Laptop")
	require.Contains(t, j.Text("main table"), "Ja, über Ihr Konto beim Gerätehersteller")
	j.RequireAccessible()
	saveScreenshot(t, j.ctx, "passkey-konsole")
	// The same authenticator again: excluded, and the page says so.
	j.Fill("#passkey-name", "Nochmal")
	j.Run(chromedp.Click("#passkey-register-button"))
	j.WaitFor(`document.getElementById("passkey-status").textContent.includes("bereits")`)
	keys, err := account.NewStore(j.App.DB).Passkeys(context.Background(), acct.ID)
	require.NoError(t, err)
	require.Len(t, keys, 1)
	require.True(t, keys[0].Credential.Flags.BackupEligible)

	// Conditional UI: the login page offers the passkey with the user
	// name field's autofill; the virtual authenticator picks it at once,
	// so the page logs in by itself and returns to /konto.
	j.passkeyLogout()
	j.Open("/konto")
	j.passkeyWaitFor(`location.pathname === "/konto" && document.readyState === "complete"`)
	require.Contains(t, j.Text("main"), "passkey.nutzerin")
	j.passkeyRequireAMR(acct.ID, "swk", "user", "mfa")

	// From here the browser has no conditional UI (as some have not):
	// the button on the login page, back to /konto.
	j.passkeyWithoutConditionalUI()
	j.passkeyLogout()
	j.Open("/konto")
	require.Equal(t, "/anmelden", j.Path())
	j.WaitFor(`!document.getElementById("passkey-anmelden").hidden`)
	j.RequireAccessible()
	saveScreenshot(t, j.ctx, "passkey-anmelden")
	j.Run(chromedp.Click("#passkey-button"))
	j.passkeyWaitFor(`location.pathname === "/konto" && document.readyState === "complete"`)
	require.Contains(t, j.Text("main"), "passkey.nutzerin")

	// The passkey is a second factor now: the password alone is not enough.
	j.passkeyLogout()
	j.Open("/konto")
	j.LoginPassword("passkey.nutzerin", pw)
	require.Equal(t, "/anmelden/zweiter-faktor", j.Path())
	j.WaitFor(`!document.getElementById("passkey-zweiter-faktor").hidden`)
	saveScreenshot(t, j.ctx, "passkey-zweiter-faktor")
	j.Run(chromedp.Click("#passkey-zweiter-faktor button"))
	j.passkeyWaitFor(`location.pathname === "/konto" && document.readyState === "complete"`)
	j.passkeyRequireAMR(acct.ID, "pwd", "swk", "mfa")
	keys, err = account.NewStore(j.App.DB).Passkeys(context.Background(), acct.ID)
	require.NoError(t, err)
	require.False(t, keys[0].LastUsedAt.IsZero())

	// Rename (first without a name: the error summary), then remove.
	j.Open("/konto/sicherheit/passkeys")
	name := "#name-" + keys[0].ID
	j.Fill(name, " ")
	j.Click(`form[action="/konto/sicherheit/passkeys/umbenennen"] button[type=submit]`)
	require.Contains(t, j.Text("#fehler"), "Namen mit 1 bis 64 Zeichen")
	j.RequireAccessible()
	j.Fill(name, "Arbeitslaptop")
	j.Click(`form[action="/konto/sicherheit/passkeys/umbenennen"] button[type=submit]`)
	require.Contains(t, j.Text("main table"), "Arbeitslaptop")
	j.passkeyRequireValidHTML()
	j.Click(`a[href^="/konto/sicherheit/passkeys/entfernen"]`)
	require.Contains(t, j.Text("h1"), "Arbeitslaptop")
	j.RequireAccessible()
	j.passkeyRequireValidHTML()
	j.Click(`form[action="/konto/sicherheit/passkeys/entfernen"] button[type=submit]`)
	require.Contains(t, j.Text("main"), "Der Passkey wurde entfernt.")
	require.Contains(t, j.Text("main"), "Sie haben noch keinen Passkey.")
	for _, event := range []string{"mfa.passkey.added", "mfa.passkey.removed", "login.success"} {
		var n int
		require.NoError(t, j.App.DB.QueryRowContext(context.Background(),
			`SELECT COUNT(*) FROM audit_log WHERE type = $1 AND actor = $2`, event, acct.ID).Scan(&n))
		require.Positive(t, n, "audit events %s", event)
	}
}

// passkeyJourney is newJourney on http://localhost: WebAuthn refuses an
// IP address as relying party ID (WebAuthn L3 §5.1.4.1), so the server's
// public URL names the host localhost, and the tab has a virtual
// authenticator.
func passkeyJourney(t *testing.T) *journey {
	t.Helper()
	sharedBrowser(t)
	srv := httptest.NewUnstartedServer(nil)
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	require.NoError(t, err)
	base := "http://localhost:" + port
	m := openApp(t, base)
	srv.Config.Handler = m.Handler()
	srv.Start()
	t.Cleanup(srv.Close)
	ctx, log := openTab(t, "de")
	j := &journey{t: t, ctx: ctx, log: log, App: m, URL: base}
	j.Run(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, webauthn.Enable, webauthn.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, webauthn.AddVirtualAuthenticator, webauthn.AddVirtualAuthenticatorParams{
			Options: &webauthn.VirtualAuthenticatorOptions{Protocol: webauthn.AuthenticatorProtocolCtap2,
				Ctap2version: webauthn.Ctap2versionCtap21, Transport: webauthn.AuthenticatorTransportInternal,
				HasResidentKey: true, HasUserVerification: true, IsUserVerified: true,
				AutomaticPresenceSimulation: true, DefaultBackupEligibility: true, DefaultBackupState: true}})
		return err
	}))
	return j
}

// passkeyLogout drops the login cookie, as closing the browser would.
func (j *journey) passkeyLogout() {
	j.t.Helper()
	j.Run(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.DeleteCookies, network.DeleteCookiesParams{Name: "mvnk_login", URL: j.URL})
		return err
	}))
}

// passkeyRequireAMR checks the newest login session of the account.
func (j *journey) passkeyRequireAMR(accountID string, want ...string) {
	j.t.Helper()
	var amr string
	err := j.App.DB.QueryRowContext(context.Background(), `SELECT amr FROM login_sessions
		WHERE account_id = $1 ORDER BY created_at DESC LIMIT 1`, accountID).Scan(&amr)
	require.NoError(j.t, err)
	for _, w := range want {
		require.True(j.t, strings.Contains(amr, `"`+w+`"`), "amr %s lacks %s", amr, w)
	}
}

// passkeyWaitFor is WaitFor across the navigation the page script
// starts: a poll cut off by the navigation (the browser's -32000 "target
// navigated" or "cannot find context") is started again on the new page (a few times at most; each poll ends with the tab's timeout).
func (j *journey) passkeyWaitFor(expr string) {
	j.t.Helper()
	var err error
	for range 5 {
		_, err = chromedp.Run(j.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(50*time.Millisecond)))
		if err == nil || j.ctx.Err() != nil || !strings.Contains(err.Error(), "(-32000)") {
			break
		}
	}
	require.NoError(j.t, err, "waiting for %s on %s", expr, j.Path())
}

// passkeyWithoutConditionalUI makes every page of the tab see a browser
// without conditional mediation (WebAuthn L3 §5.1.7), so the login page
// waits for its button.
func (j *journey) passkeyWithoutConditionalUI() {
	j.t.Helper()
	j.Run(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `PublicKeyCredential.isConditionalMediationAvailable = () => Promise.resolve(false);`})
		return err
	}))
}

// passkeyRequireValidHTML checks the markup the server sent for the page
// shown (the pages of a logged-in browser are not in Pages()).
func (j *journey) passkeyRequireValidHTML() {
	j.t.Helper()
	src, err := chromedp.Run(j.ctx, chromedp.Evaluate[string](`fetch(location.href).then(r => r.text())`,
		chromedp.EvalAwaitPromise))
	require.NoError(j.t, err)
	report := CheckHTML([]byte(src))
	require.Empty(j.t, problemList(report.Problems), "HTML of %s", j.Path())
}
