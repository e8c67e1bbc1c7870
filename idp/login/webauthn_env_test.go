package login_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/idp/login"
	"mvnk/portal"
	"mvnk/store"
	"mvnk/store/storetest"
)

// pkEnv is the web login on http://localhost (an IP address cannot be a
// WebAuthn RP ID), a browser without redirects, an active account and a
// software authenticator. The console's registration endpoints are
// stood in for by /test/passkey/… for that account.
type pkEnv struct {
	db   *store.DB
	web  *login.Login
	rec  *recorder
	url  string
	b    *http.Client
	acct *account.Account
	key  *softKey
}

const pkPassword = "Ostseewind über Warnemünde"

func pkRun(t *testing.T, fn func(t *testing.T, e *pkEnv)) {
	storetest.Run(t, func(t *testing.T, db *store.DB) { fn(t, newPKEnv(t, db)) },
		account.Migrations, login.Migrations, portal.Migrations)
}

func newPKEnv(t *testing.T, db *store.DB) *pkEnv {
	srv := httptest.NewUnstartedServer(nil)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	e := &pkEnv{db: db, rec: &recorder{}, url: "http://localhost:" + port}
	e.web = pkLogin(t, db, e.url)
	e.web.Audit = e.rec
	e.acct = &account.Account{Username: "anna", Email: "anna@example.de", EmailVerified: true}
	require.NoError(t, e.web.Accounts.Create(context.Background(), e.acct, pkPassword))
	pages := http.NewServeMux()
	e.web.Mount(pages)
	e.web.Portal.Mount(pages)
	pages.HandleFunc("POST /test/passkey/start", func(w http.ResponseWriter, r *http.Request) {
		e.web.StartPasskeyRegistration(w, r, e.acct)
	})
	pages.HandleFunc("POST /test/passkey/fertig", func(w http.ResponseWriter, r *http.Request) {
		if p := e.web.FinishPasskeyRegistration(w, r, e.acct); p != nil {
			login.WriteJSON(w, http.StatusOK, map[string]string{"id": p.ID})
		}
	})
	srv.Config.Handler = e.web.Portal.Protect(pages)
	srv.Start()
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	e.b = &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	e.key = newSoftKey(t, "localhost", e.url)
	return e
}

func pkLogin(t *testing.T, db *store.DB, base string) *login.Login {
	u, _ := url.Parse(base)
	keys := [][]byte{make([]byte, 32)}
	_, _ = rand.Read(keys[0])
	quiet := slog.New(slog.DiscardHandler)
	p, err := portal.New(portal.Config{PublicURL: u}, db, fakeKeyring{keys}, quiet)
	require.NoError(t, err)
	accounts := account.NewAuthenticator(account.NewStore(db), fastParams, account.DefaultThrottle)
	web, err := login.New(p, db, accounts, nil, login.Config{Issuer: base, MasterKey: make([]byte, 32)}, quiet)
	require.NoError(t, err)
	return web
}

var pkCSRF = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// post sends body as the page script does: JSON, with the CSRF token of
// the login page in X-CSRF-Token. It returns the status and the answer.
func (e *pkEnv) post(t *testing.T, path string, body any) (int, map[string]any) {
	resp, err := e.b.Get(e.url + "/anmelden")
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := pkCSRF.FindSubmatch(page)
	require.Len(t, m, 2)
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, e.url+path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", string(m[1]))
	resp, err = e.b.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out), "status %d", resp.StatusCode)
	return resp.StatusCode, out
}

// start begins a ceremony at path and returns its id and options.
func (e *pkEnv) start(t *testing.T, path string, body any) (string, json.RawMessage) {
	status, out := e.post(t, path, body)
	require.Equal(t, http.StatusOK, status, "%v", out)
	opts, _ := json.Marshal(out["publicKey"])
	return out["ceremonie"].(string), opts
}

// register adds the software authenticator's passkey to the account.
func (e *pkEnv) register(t *testing.T) {
	id, opts := e.start(t, "/test/passkey/start", map[string]any{"name": "Laptop"})
	status, out := e.post(t, "/test/passkey/fertig", map[string]any{"ceremonie": id, "name": "Laptop",
		"credential": e.key.create(t, opts)})
	require.Equal(t, http.StatusOK, status, "%v", out)
}

// login runs a passwordless login with the counter at count.
func (e *pkEnv) login(t *testing.T, count uint32, weiter string) (int, map[string]any) {
	id, opts := e.start(t, "/anmelden/passkey/start", map[string]any{})
	return e.post(t, "/anmelden/passkey/fertig", map[string]any{"ceremonie": id, "weiter": weiter,
		"credential": e.key.get(t, opts, count)})
}

func (e *pkEnv) sessions(t *testing.T) int {
	var n int
	require.NoError(t, e.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM login_sessions`).Scan(&n))
	return n
}
