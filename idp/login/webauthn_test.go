package login_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/audit"
)

func TestPasskeyRegisterThenLogin(t *testing.T) {
	pkRun(t, func(t *testing.T, e *pkEnv) {
		e.key.flags = flagBE | flagBS
		e.register(t)
		keys, err := e.web.Accounts.Store.Passkeys(context.Background(), e.acct.ID)
		require.NoError(t, err)
		require.Len(t, keys, 1)
		require.True(t, keys[0].Synced())

		status, out := e.login(t, 1, "/konto/sicherheit")
		require.Equal(t, http.StatusOK, status, "%v", out)
		require.Equal(t, "/konto/sicherheit", out["weiter"])
		require.Equal(t, 1, e.sessions(t))
		var amr string
		require.NoError(t, e.db.QueryRowContext(context.Background(), `SELECT amr FROM login_sessions`).Scan(&amr))
		require.JSONEq(t, `["swk","user","mfa"]`, amr)
		ev := e.rec.last()
		require.Equal(t, audit.LoginSuccess, ev.Type)
		require.Equal(t, e.acct.ID, ev.Actor)
		require.Equal(t, "passkey", ev.Details["method"])
	})
}

func TestPasskeyRegisterExcludesKnownAndChecksName(t *testing.T) {
	pkRun(t, func(t *testing.T, e *pkEnv) {
		status, out := e.post(t, "/test/passkey/start", map[string]any{"name": " "})
		require.Equal(t, http.StatusUnprocessableEntity, status)
		require.Contains(t, out["detail"], "Namen")
		e.register(t)
		_, opts := e.start(t, "/test/passkey/start", map[string]any{"name": "Zweiter"})
		require.Contains(t, string(opts), `"excludeCredentials":[{"id":"`+b64.EncodeToString(e.key.id)+`"`)
		require.Contains(t, string(opts), `"residentKey":"required"`)
		require.Contains(t, string(opts), `"userVerification":"required"`)
	})
}

// A ceremony is used once: the same answer again finds none.
func TestPasskeyCeremonySingleUse(t *testing.T) {
	pkRun(t, func(t *testing.T, e *pkEnv) {
		e.register(t)
		id, opts := e.start(t, "/anmelden/passkey/start", map[string]any{})
		body := map[string]any{"ceremonie": id, "credential": e.key.get(t, opts, 1)}
		status, _ := e.post(t, "/anmelden/passkey/fertig", body)
		require.Equal(t, http.StatusOK, status)
		status, out := e.post(t, "/anmelden/passkey/fertig", body)
		require.Equal(t, http.StatusBadRequest, status)
		require.Equal(t, "urn:mvnk:problem:passkey.expired", out["type"])
	})
}

func TestPasskeyLoginRefusals(t *testing.T) {
	pkRun(t, func(t *testing.T, e *pkEnv) {
		e.key.flags = flagBE
		e.register(t)
		status, _ := e.login(t, 5, "")
		require.Equal(t, http.StatusOK, status)

		status, out := e.login(t, 3, "") // counter went backwards: a clone
		require.Equal(t, http.StatusBadRequest, status)
		require.Equal(t, "urn:mvnk:problem:passkey.cloned", out["type"])
		require.Contains(t, out["detail"], "kopiert")
		require.Equal(t, "passkey_cloned", e.rec.last().Details["reason"])

		e.key.flags = 0 // backup eligibility may never change
		status, out = e.login(t, 6, "")
		require.Equal(t, http.StatusBadRequest, status)
		require.Equal(t, "urn:mvnk:problem:passkey.failed", out["type"])

		e.key.flags, e.key.noUV = flagBE, true // user verification is required
		status, _ = e.login(t, 7, "")
		require.Equal(t, http.StatusBadRequest, status)

		e.key.noUV = false
		status, out = e.login(t, 8, "https://evil.example/")
		require.Equal(t, http.StatusBadRequest, status)
		require.Equal(t, "urn:mvnk:problem:passkey.bad_request", out["type"])
		require.Equal(t, 1, e.sessions(t), "only the first login")

		_, err := e.web.Accounts.Store.Disable(context.Background(), e.acct.ID)
		require.NoError(t, err)
		status, _ = e.login(t, 9, "")
		require.Equal(t, http.StatusBadRequest, status)
		require.Equal(t, "account_inactive", e.rec.last().Details["reason"])
	})
}

func TestPasskeyForeignOriginRefused(t *testing.T) {
	pkRun(t, func(t *testing.T, e *pkEnv) {
		e.register(t)
		e.key.origin = "http://localhost.evil.example"
		status, out := e.login(t, 1, "")
		require.Equal(t, http.StatusBadRequest, status)
		require.Equal(t, "urn:mvnk:problem:passkey.failed", out["type"])
		require.Zero(t, e.sessions(t))
	})
}

func TestPasskeySecondFactor(t *testing.T) {
	pkRun(t, func(t *testing.T, e *pkEnv) {
		e.register(t)
		status, out := e.post(t, "/anmelden/passkey/zweiter-faktor/start", map[string]any{})
		require.Equal(t, http.StatusBadRequest, status, "no pending login")
		require.Equal(t, "urn:mvnk:problem:passkey.no_pending", out["type"])

		e.passwordStep(t, "/konto")
		id, opts := e.start(t, "/anmelden/passkey/zweiter-faktor/start", map[string]any{})
		require.Contains(t, string(opts), `"allowCredentials":[{"id":"`+b64.EncodeToString(e.key.id)+`"`)
		status, out = e.post(t, "/anmelden/passkey/zweiter-faktor/fertig", map[string]any{"ceremonie": id,
			"credential": e.key.get(t, opts, 1)})
		require.Equal(t, http.StatusOK, status, "%v", out)
		require.Equal(t, "/konto", out["weiter"])
		var amr string
		require.NoError(t, e.db.QueryRowContext(context.Background(), `SELECT amr FROM login_sessions`).Scan(&amr))
		require.JSONEq(t, `["pwd","hwk","user","mfa"]`, amr)
	})
}

// passwordStep logs in with the password, which leads to the second
// factor since the account has a passkey.
func (e *pkEnv) passwordStep(t *testing.T, weiter string) {
	resp, err := e.b.Get(e.url + "/anmelden")
	require.NoError(t, err)
	_, page := readBody(t, resp, err)
	m := pkCSRF.FindStringSubmatch(page)
	require.Len(t, m, 2)
	resp, err = e.b.PostForm(e.url+"/anmelden", url.Values{"csrf_token": {m[1]}, "login": {"anna"},
		"password": {pkPassword}, "weiter": {weiter}})
	_, body := readBody(t, resp, err)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode, body)
	require.Equal(t, "/anmelden/zweiter-faktor", resp.Header.Get("Location"))
}

// The JSON endpoints sit behind portal.Protect: without the token in
// X-CSRF-Token no ceremony starts.
func TestPasskeyEndpointsNeedCSRFToken(t *testing.T) {
	pkRun(t, func(t *testing.T, e *pkEnv) {
		for _, path := range []string{"/anmelden/passkey/start", "/anmelden/passkey/fertig",
			"/anmelden/passkey/zweiter-faktor/start", "/test/passkey/start"} {
			resp, err := e.b.Post(e.url+path, "application/json", strings.NewReader(`{}`))
			require.NoError(t, err)
			resp.Body.Close()
			require.Equal(t, http.StatusForbidden, resp.StatusCode, path)
		}
		var n int
		require.NoError(t, e.db.QueryRowContext(context.Background(),
			`SELECT COUNT(*) FROM login_webauthn_challenges`).Scan(&n))
		require.Zero(t, n)
	})
}

// Every view of the login page begins a ceremony; one address can hold
// only a bounded number of live ones, then gets 429 with Retry-After.
func TestPasskeyCeremoniesPerAddressBounded(t *testing.T) {
	pkRun(t, func(t *testing.T, e *pkEnv) {
		for i := 0; i < 30; i++ {
			status, _ := e.post(t, "/anmelden/passkey/start", map[string]any{})
			require.Equal(t, http.StatusOK, status, "ceremony %d", i+1)
		}
		status, out := e.post(t, "/anmelden/passkey/start", map[string]any{})
		require.Equal(t, http.StatusTooManyRequests, status)
		require.Equal(t, "urn:mvnk:problem:passkey.busy", out["type"])
	})
}
