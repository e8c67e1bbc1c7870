package login_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/audit"
	"mvnk/idp/account"
)

// A citizen with TOTP: the password leads to the second step, a wrong
// code is refused, the right one starts the session with pwd otp mfa,
// and the same code cannot be used again.
func TestSecondFactorTOTPLogin(t *testing.T) {
	mfaRun(t, func(t *testing.T, e *mfaEnv) {
		secret := e.account(t, &account.Account{Username: "erika", Email: "erika@example.de"}, true)
		e.password(t, "erika", "/konto")
		resp, page := e.get(t, "/anmelden/zweiter-faktor")
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.True(t, contains(page, `inputmode="numeric"`, `autocomplete="one-time-code"`, `href="/anmelden/wiederherstellungscode"`))
		require.NotContains(t, page, "passkey-zweiter-faktor", "no passkeys, no passkey button")

		resp, page = e.post(t, "/anmelden/zweiter-faktor", url.Values{"code": {"000000"}})
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		require.Contains(t, page, "Der Code ist falsch oder wurde schon verwendet.")
		resp, _ = e.post(t, "/anmelden/zweiter-faktor", url.Values{"code": {""}})
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)

		now := code(t, secret, 0)
		resp, _ = e.post(t, "/anmelden/zweiter-faktor", url.Values{"code": {now}})
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		require.Equal(t, "/konto", resp.Header.Get("Location"))
		require.JSONEq(t, `["pwd","otp","mfa"]`, e.amr(t))
		require.Zero(t, e.count(t, `SELECT COUNT(*) FROM login_pending`), "the pending login is gone")
		resp, _ = e.get(t, "/anmelden/zweiter-faktor")
		require.Equal(t, http.StatusBadRequest, resp.StatusCode, "finished: log in again")

		e.password(t, "erika", "")
		resp, _ = e.post(t, "/anmelden/zweiter-faktor", url.Values{"code": {now}})
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, "a used code is refused")
		require.Contains(t, e.audit.types(), audit.SecondFactorFailure)
		require.Contains(t, e.audit.types(), audit.LoginSuccess)
	})
}

// Five wrong codes drop the pending login: the password is asked again.
func TestSecondFactorAttemptLimit(t *testing.T) {
	mfaRun(t, func(t *testing.T, e *mfaEnv) {
		secret := e.account(t, &account.Account{Username: "erika", Email: "erika@example.de"}, true)
		e.password(t, "erika", "")
		for range 4 {
			resp, _ := e.post(t, "/anmelden/zweiter-faktor", url.Values{"code": {"000000"}})
			require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		}
		resp, page := e.post(t, "/anmelden/zweiter-faktor", url.Values{"code": {"000000"}})
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
		require.Contains(t, page, "zu oft falsch eingegeben")
		resp, _ = e.post(t, "/anmelden/zweiter-faktor", url.Values{"code": {code(t, secret, 0)}})
		require.Equal(t, http.StatusBadRequest, resp.StatusCode, "the right code comes too late")
		require.Zero(t, e.count(t, `SELECT COUNT(*) FROM login_sessions`))
	})
}

// A pending login lasts five minutes.
func TestSecondFactorPendingExpires(t *testing.T) {
	mfaRun(t, func(t *testing.T, e *mfaEnv) {
		secret := e.account(t, &account.Account{Username: "erika", Email: "erika@example.de"}, true)
		e.password(t, "erika", "")
		e.web.Sessions.Now = func() time.Time { return time.Now().Add(5 * time.Minute) }
		resp, page := e.post(t, "/anmelden/zweiter-faktor", url.Values{"code": {code(t, secret, 0)}})
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
		require.Contains(t, page, "Bitte melden Sie sich erneut an")
		require.Zero(t, e.count(t, `SELECT COUNT(*) FROM login_sessions`))
	})
}

// A recovery code logs in once; the second use is refused.
func TestSecondFactorRecoveryCode(t *testing.T) {
	mfaRun(t, func(t *testing.T, e *mfaEnv) {
		a := &account.Account{Username: "erika", Email: "erika@example.de"}
		e.account(t, a, true)
		codes, err := e.web.Accounts.Store.NewRecoveryCodes(t.Context(), a.ID)
		require.NoError(t, err)
		e.password(t, "erika", "")
		resp, _ := e.get(t, "/anmelden/wiederherstellungscode")
		require.Equal(t, http.StatusOK, resp.StatusCode)
		resp, _ = e.post(t, "/anmelden/wiederherstellungscode", url.Values{"code": {codes[2]}})
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		require.JSONEq(t, `["pwd","otp","mfa"]`, e.amr(t))
		require.Contains(t, e.audit.types(), audit.MFARecoveryUsed)

		e.password(t, "erika", "")
		resp, page := e.post(t, "/anmelden/wiederherstellungscode", url.Values{"code": {codes[2]}})
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		require.Contains(t, page, "Der Code ist falsch")
	})
}

// A staff account without a second factor sets up TOTP inside the
// pending login, sees its recovery codes once and is then logged in.
func TestSecondFactorStaffEnrols(t *testing.T) {
	mfaRun(t, func(t *testing.T, e *mfaEnv) {
		a := &account.Account{Kind: account.Staff, Username: "sachbearbeiter", Email: "sb@example.de", Organisation: "Landkreis"}
		e.account(t, a, false)
		e.password(t, "sachbearbeiter", "/konto/sicherheit")
		resp, _ := e.get(t, "/anmelden/zweiter-faktor")
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		require.Equal(t, "/anmelden/zweiter-faktor/einrichten", resp.Header.Get("Location"))
		resp, page := e.get(t, "/anmelden/zweiter-faktor/einrichten")
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.True(t, contains(page, `<svg`, `role="img"`, `<title id="qr-titel">`, `id="totp-schluessel"`))
		secret := secretOf(t, page)

		resp, _ = e.post(t, "/anmelden/zweiter-faktor/einrichten", url.Values{"code": {"000000"}})
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		resp, page = e.post(t, "/anmelden/zweiter-faktor/einrichten", url.Values{"code": {code(t, secret, 0)}})
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Regexp(t, `<code>[2-9A-Z]{5}-[2-9A-Z]{5}</code>`, page)
		require.Contains(t, page, `href="/konto/sicherheit"`)
		require.JSONEq(t, `["pwd","otp","mfa"]`, e.amr(t))
		f, err := e.web.Accounts.Store.Factors(t.Context(), a.ID)
		require.NoError(t, err)
		require.Equal(t, account.Factors{TOTP: true, RecoveryCodes: 10}, f)
		require.Contains(t, e.audit.types(), audit.MFATOTPEnrolled)
	})
}

// A citizen with a factor cannot set up another one in the login.
func TestSecondFactorNoEnrolWithFactor(t *testing.T) {
	mfaRun(t, func(t *testing.T, e *mfaEnv) {
		e.account(t, &account.Account{Username: "erika", Email: "erika@example.de"}, true)
		e.password(t, "erika", "")
		resp, _ := e.get(t, "/anmelden/zweiter-faktor/einrichten")
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		require.Equal(t, "/anmelden/zweiter-faktor", resp.Header.Get("Location"))
		resp, _ = e.post(t, "/anmelden/zweiter-faktor/einrichten", url.Values{"code": {"123456"}})
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	})
}
