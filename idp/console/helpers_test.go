package console_test

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

	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/idp/console"
	"mvnk/idp/login"
	"mvnk/internal/mail"
	"mvnk/portal"
	"mvnk/store"
	"mvnk/store/jobs"
	"mvnk/store/storetest"
)

const password = "Ostseewind über Warnemünde"

// mailbox records the queued mails.
type mailbox struct {
	mu   sync.Mutex
	sent []mail.Message
}

func (m *mailbox) Queue(_ context.Context, _ jobs.Execer, msg mail.Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, msg)
	return nil
}

// last is the newest mail to addr.
func (m *mailbox) last(t *testing.T, to string) mail.Message {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := len(m.sent) - 1; i >= 0; i-- {
		if m.sent[i].To == to {
			return m.sent[i]
		}
	}
	t.Fatalf("no mail to %s", to)
	return mail.Message{}
}

type keyring struct{ keys [][]byte }

func (k keyring) CookieKeys(context.Context) ([][]byte, error) { return k.keys, nil }

// fixture is the login and the console on a real server over SQLite.
type fixture struct {
	t    *testing.T
	db   *store.DB
	srv  *httptest.Server
	web  *login.Login
	con  *console.Console
	mail *mailbox
	acct *account.Account
}

func newFixture(t *testing.T) *fixture {
	db := storetest.Open(t, store.SQLite, account.Migrations, login.Migrations, portal.Migrations)
	f := &fixture{t: t, db: db, mail: &mailbox{}}
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	u, _ := url.Parse(base)
	k1, k2 := make([]byte, 32), make([]byte, 32)
	_, _ = rand.Read(k1)
	_, _ = rand.Read(k2)
	logger := slog.New(slog.DiscardHandler)
	p, err := portal.New(portal.Config{PublicURL: u}, db, keyring{[][]byte{k1, k2}}, logger)
	require.NoError(t, err)
	auth := account.NewAuthenticator(account.NewStore(db),
		account.Params{MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, account.DefaultThrottle)
	f.web, err = login.New(p, db, auth, f.mail, login.Config{Issuer: base}, logger)
	require.NoError(t, err)
	f.con, err = console.New(p, f.web, logger)
	require.NoError(t, err)
	pages := http.NewServeMux()
	p.Mount(pages)
	f.web.Mount(pages)
	f.con.Mount(pages)
	srv.Config.Handler = p.SecurityHeaders(p.Protect(pages))
	srv.Start()
	t.Cleanup(srv.Close)
	f.srv = srv
	f.acct = &account.Account{Username: "erika", Email: "erika@example.de", EmailVerified: true}
	require.NoError(t, auth.Create(context.Background(), f.acct, password))
	return f
}

// browser is a client with its own cookies that does not follow redirects.
type browser struct {
	f    *fixture
	c    *http.Client
	page string // the last page, for its csrf token
}

func (f *fixture) browser() *browser {
	jar, err := cookiejar.New(nil)
	require.NoError(f.t, err)
	return &browser{f: f, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// login logs the browser in with the fixture's account.
func (f *fixture) login() *browser {
	b := f.browser()
	b.get("/anmelden")
	resp, _ := b.post("/anmelden", url.Values{"login": {"erika"}, "password": {password}})
	require.Equal(f.t, http.StatusSeeOther, resp.StatusCode)
	return b
}

func (b *browser) do(req *http.Request) (*http.Response, string) {
	resp, err := b.c.Do(req)
	require.NoError(b.f.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(b.f.t, err)
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		b.page = string(body)
	}
	return resp, string(body)
}

func (b *browser) get(path string) (*http.Response, string) {
	req, err := http.NewRequest(http.MethodGet, b.f.srv.URL+path, nil)
	require.NoError(b.f.t, err)
	return b.do(req)
}

var csrfRE = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// post sends a form with the last page's csrf token, from our origin.
func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	m := csrfRE.FindStringSubmatch(b.page)
	require.NotNil(b.f.t, m, "no csrf token on the last page")
	form.Set("csrf_token", m[1])
	req, err := http.NewRequest(http.MethodPost, b.f.srv.URL+path, strings.NewReader(form.Encode()))
	require.NoError(b.f.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.f.srv.URL)
	return b.do(req)
}
