package login_test

import (
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
	"github.com/stretchr/testify/require"

	"mvnk/audit"
	"mvnk/idp/account"
	"mvnk/idp/login"
	"mvnk/portal"
	"mvnk/store"
	"mvnk/store/storetest"
)

const mfaPassword = "Ostseewind über Warnemünde"

type fakeKeyring struct{ keys [][]byte }

func (k fakeKeyring) CookieKeys(context.Context) ([][]byte, error) { return k.keys, nil }

// recorder keeps the audit events of a test.
type recorder struct {
	mu     sync.Mutex
	events []audit.Event
}

func (r *recorder) Record(_ context.Context, e audit.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	return nil
}

func (r *recorder) last() audit.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.events[len(r.events)-1]
}

func (r *recorder) types() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, e := range r.events {
		out = append(out, e.Type)
	}
	return out
}

// mfaEnv is the web login behind the portal on a real server, with a
// browser (cookie jar) that does not follow redirects.
type mfaEnv struct {
	db    *store.DB
	web   *login.Login
	audit *recorder
	url   string
	b     *http.Client
}

func newMFAEnv(t *testing.T, db *store.DB) *mfaEnv {
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	u, _ := url.Parse(base)
	keys := [][]byte{make([]byte, 32), make([]byte, 32)}
	_, _ = rand.Read(keys[0])
	quiet := slog.New(slog.DiscardHandler)
	p, err := portal.New(portal.Config{PublicURL: u}, db, fakeKeyring{keys}, quiet)
	require.NoError(t, err)
	accounts := account.NewAuthenticator(account.NewStore(db), fastParams, account.DefaultThrottle)
	web, err := login.New(p, db, accounts, nil, login.Config{Issuer: base, MasterKey: make([]byte, 32)}, quiet)
	require.NoError(t, err)
	rec := &recorder{}
	web.Audit = rec
	pages := http.NewServeMux()
	web.Mount(pages)
	p.Mount(pages)
	srv.Config.Handler = p.SecurityHeaders(p.Protect(pages))
	srv.Start()
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	b := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &mfaEnv{db: db, web: web, audit: rec, url: base, b: b}
}

// account creates an active account; with totp it has a confirmed TOTP
// whose secret is returned.
func (e *mfaEnv) account(t *testing.T, a *account.Account, withTOTP bool) string {
	a.EmailVerified = true
	require.NoError(t, e.web.Accounts.Create(context.Background(), a, mfaPassword))
	if !withTOTP {
		return ""
	}
	st := e.web.Accounts.Store
	key, err := st.BeginTOTP(context.Background(), e.web.Sealer, a)
	require.NoError(t, err)
	require.NoError(t, st.ConfirmTOTP(context.Background(), e.web.Sealer, a.ID, code(t, key.Secret(), -30*time.Second)))
	return key.Secret()
}

func code(t *testing.T, secret string, d time.Duration) string {
	c, err := totp.GenerateCode(secret, time.Now().Add(d))
	require.NoError(t, err)
	return c
}

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func (e *mfaEnv) get(t *testing.T, path string) (*http.Response, string) {
	resp, err := e.b.Get(e.url + path)
	return readBody(t, resp, err)
}

// post submits a form to path with the CSRF token of the page at path.
func (e *mfaEnv) post(t *testing.T, path string, form url.Values) (*http.Response, string) {
	_, page := e.get(t, "/anmelden")
	m := csrfField.FindStringSubmatch(page)
	require.Len(t, m, 2)
	form.Set("csrf_token", m[1])
	resp, err := e.b.PostForm(e.url+path, form)
	return readBody(t, resp, err)
}

func readBody(t *testing.T, resp *http.Response, err error) (*http.Response, string) {
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(body)
}

// password logs in with the password and expects the second step.
func (e *mfaEnv) password(t *testing.T, username, weiter string) {
	before := e.count(t, `SELECT COUNT(*) FROM login_sessions`)
	resp, body := e.post(t, "/anmelden", url.Values{"login": {username}, "password": {mfaPassword}, "weiter": {weiter}})
	require.Equal(t, http.StatusSeeOther, resp.StatusCode, body)
	require.Equal(t, "/anmelden/zweiter-faktor", resp.Header.Get("Location"))
	require.Equal(t, before, e.count(t, `SELECT COUNT(*) FROM login_sessions`), "no session before the second factor")
}

func (e *mfaEnv) count(t *testing.T, query string, args ...any) int {
	var n int
	require.NoError(t, e.db.QueryRowContext(context.Background(), query, args...).Scan(&n))
	return n
}

// amr is the amr of the only session.
func (e *mfaEnv) amr(t *testing.T) string {
	var amr string
	require.NoError(t, e.db.QueryRowContext(context.Background(), `SELECT amr FROM login_sessions`).Scan(&amr))
	return amr
}

func mfaRun(t *testing.T, fn func(t *testing.T, e *mfaEnv)) {
	storetest.Run(t, func(t *testing.T, db *store.DB) { fn(t, newMFAEnv(t, db)) },
		account.Migrations, login.Migrations, portal.Migrations)
}

func contains(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

var secretOnPage = regexp.MustCompile(`id="totp-schluessel">([A-Z2-7 ]+)<`)

// secretOf reads the TOTP secret as the page shows it for typing.
func secretOf(t *testing.T, page string) string {
	m := secretOnPage.FindStringSubmatch(page)
	require.Len(t, m, 2, "no secret on the page")
	return strings.ReplaceAll(m[1], " ", "")
}
