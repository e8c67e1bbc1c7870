package idp_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/jobs"
	"mvnk/store/storetest"
)

// rpBackchannel is a relying party's back-channel logout endpoint that
// fails with 500 for the first `fail` calls.
type rpBackchannel struct {
	mu     sync.Mutex
	fail   int
	tokens []string
}

func (rp *rpBackchannel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	rp.tokens = append(rp.tokens, r.PostFormValue("logout_token"))
	if len(rp.tokens) <= rp.fail {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
}

func (rp *rpBackchannel) received() []string {
	rp.mu.Lock()
	defer rp.mu.Unlock()
	return append([]string(nil), rp.tokens...)
}

// Back-Channel Logout 1.0: the logout enqueues one delivery per client of
// the session that registered a URI; the job runner delivers it, retrying
// a failing RP with back-off; the token verifies against the JWKS.
func TestBackchannelLogout(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e, _ := newLogoutEnv(t, db, true)
		rp := &rpBackchannel{fail: 1}
		rpSrv := httptest.NewServer(rp)
		t.Cleanup(rpSrv.Close)
		c, secret := e.client(func(c *idp.Client) { withLogout(c); c.BackchannelLogoutURI = rpSrv.URL + "/backchannel" })
		quiet, quietSecret := e.client(nil)
		b := e.browser()
		_, idt, raw := e.loginIn(b, e.oauth2Config(c, secret))
		e.loginIn(b, e.oauth2Config(quiet, quietSecret))
		require.Equal(t, 2, countSQL(t, db, `SELECT COUNT(*) FROM idp_sessions WHERE client_id <> ''`), "both clients joined")

		status, _, _ := e.logoutGet(b, url.Values{"id_token_hint": {raw}})
		require.Equal(t, http.StatusOK, status)
		require.Equal(t, 1, countSQL(t, db, `SELECT COUNT(*) FROM jobs`), "only the client with a URI")

		clk := &clock{now: time.Now()}
		runner := jobs.NewRunner(db, slog.New(slog.DiscardHandler), jobs.Options{Now: clk.Now})
		runner.Handle(idp.JobBackchannelLogout, e.p.DeliverBackchannelLogout)
		requireRan(t, runner, 1)
		require.Len(t, rp.received(), 1, "first attempt got 500")
		requireRan(t, runner, 0)
		clk.Advance(11 * time.Second) // first back-off is 5–10 s
		requireRan(t, runner, 1)
		require.Len(t, rp.received(), 2)
		require.Equal(t, 0, countSQL(t, db, `SELECT COUNT(*) FROM jobs`), "delivered")

		tokens := rp.received()
		first := verifyLogoutToken(t, e, tokens[0], c.ID, idt.Subject, sidOf(t, idt))
		second := verifyLogoutToken(t, e, tokens[1], c.ID, idt.Subject, sidOf(t, idt))
		require.NotEqual(t, first["jti"], second["jti"], "a fresh token per attempt")
	}, logoutMigrations...)
}

func requireRan(t *testing.T, r *jobs.Runner, want int) {
	n, err := r.RunDue(context.Background())
	require.NoError(t, err)
	require.Equal(t, want, n)
}

func countSQL(t *testing.T, db *store.DB, query string) int {
	var n int
	require.NoError(t, db.QueryRow(query).Scan(&n))
	return n
}

// verifyLogoutToken checks a logout token as an RP would (§2.6): the
// signature against the published JWKS, typ, the claims, no nonce.
func verifyLogoutToken(t *testing.T, e *env, token, aud, sub, sid string) map[string]any {
	resp, err := http.Get(e.srv.URL + "/.well-known/jwks.json")
	require.NoError(t, err)
	defer resp.Body.Close()
	var set jose.JSONWebKeySet
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&set))
	jws, err := jose.ParseSignedCompact(token, []jose.SignatureAlgorithm{jose.ES256, jose.RS256})
	require.NoError(t, err)
	h := jws.Signatures[0].Protected
	require.Equal(t, "logout+jwt", h.ExtraHeaders[jose.HeaderType])
	keys := set.Key(h.KeyID)
	require.Len(t, keys, 1)
	payload, err := jws.Verify(keys[0])
	require.NoError(t, err)
	var c map[string]any
	require.NoError(t, json.Unmarshal(payload, &c))
	require.Equal(t, e.srv.URL, c["iss"])
	require.Equal(t, aud, c["aud"])
	require.Equal(t, sub, c["sub"], "the pairwise subject the client knows")
	require.Equal(t, sid, c["sid"])
	require.Equal(t, map[string]any{"http://schemas.openid.net/event/backchannel-logout": map[string]any{}}, c["events"])
	require.NotContains(t, c, "nonce")
	require.NotEmpty(t, c["jti"])
	iat, exp := c["iat"].(float64), c["exp"].(float64)
	require.LessOrEqual(t, exp-iat, float64(120))
	require.InDelta(t, float64(time.Now().Unix()), iat, 60)
	return c
}
