package portal_test

import (
	"context"
	"crypto/rand"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/internal/testutil"
	"mvnk/portal"
	"mvnk/store"
)

// fakeKeyring returns one fixed random pair: a hash and a block key.
type fakeKeyring struct{ keys [][]byte }

func (k fakeKeyring) CookieKeys(context.Context) ([][]byte, error) { return k.keys, nil }

func newKeyring() fakeKeyring {
	hash, block := make([]byte, 32), make([]byte, 32)
	_, _ = rand.Read(hash)
	_, _ = rand.Read(block)
	return fakeKeyring{keys: [][]byte{hash, block}}
}

// env is a running portal wired the way the lead wires it: security
// headers on everything, Protect around the page mux, probes outside it.
type env struct {
	t      *testing.T
	p      *portal.Portal
	srv    *httptest.Server
	client *http.Client
	log    *testutil.SyncBuffer
}

func newEnv(t *testing.T, db *store.DB, cfg portal.Config) *env {
	t.Helper()
	if cfg.PublicURL == nil {
		cfg.PublicURL = &url.URL{Scheme: "http", Host: "localhost"}
	}
	logs := &testutil.SyncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	p, err := portal.New(cfg, db, newKeyring(), logger)
	require.NoError(t, err)

	pages := http.NewServeMux()
	p.Mount(pages)
	pages.HandleFunc("GET /test/kaputt", func(w http.ResponseWriter, r *http.Request) {
		p.ServerError(w, r, errors.New("boom: database on fire"))
	})
	root := http.NewServeMux()
	root.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") })
	root.Handle("/", p.Protect(pages))
	srv := httptest.NewServer(p.SecurityHeaders(root))
	t.Cleanup(srv.Close)

	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	return &env{t: t, p: p, srv: srv, client: client, log: logs}
}

// do sends a request and returns the response with its body read.
func (e *env) do(method, path string, body io.Reader, header http.Header) (*http.Response, string) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	require.NoError(e.t, err)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := e.client.Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	return resp, string(b)
}

func (e *env) get(path string, header http.Header) (*http.Response, string) {
	return e.do(http.MethodGet, path, nil, header)
}

func (e *env) post(path string, form url.Values, header http.Header) (*http.Response, string) {
	if header == nil {
		header = http.Header{}
	}
	header.Set("Content-Type", "application/x-www-form-urlencoded")
	return e.do(http.MethodPost, path, strings.NewReader(form.Encode()), header)
}

var tokenRE = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// token loads path and returns the CSRF token of its forms (the session
// cookie lands in the client's jar).
func (e *env) token(path string) string {
	e.t.Helper()
	_, body := e.get(path, nil)
	m := tokenRE.FindStringSubmatch(body)
	require.NotNil(e.t, m, "no csrf_token on %s", path)
	return m[1]
}

var titleRE = regexp.MustCompile(`<title>([^<]*)</title>`)

func title(t *testing.T, body string) string {
	m := titleRE.FindStringSubmatch(body)
	require.NotNil(t, m, "page has no title")
	return m[1]
}

func requireSecurityHeaders(t *testing.T, resp *http.Response) {
	t.Helper()
	csp := resp.Header.Get("Content-Security-Policy")
	require.Contains(t, csp, "default-src 'self'")
	require.Contains(t, csp, "frame-ancestors 'none'")
	require.Contains(t, csp, "script-src 'self'")
	require.NotContains(t, csp, "unsafe-inline")
	require.NotContains(t, csp, "unsafe-eval")
	require.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
	require.NotEmpty(t, resp.Header.Get("Referrer-Policy"))
}
