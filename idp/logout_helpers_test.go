package idp_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/jobs"
)

const rpLoggedOut = "https://rp.example.de/logged-out"

var logoutMigrations = slices.Concat(migrations, []store.Migrations{jobs.Migrations})

// enderAuth is the test login step that also ends sessions: it drops the
// login cookie, as the portal's session store would.
type enderAuth struct {
	*testAuth
	calls atomic.Int32
	sid   atomic.Value
}

func (a *enderAuth) EndSession(w http.ResponseWriter, _ *http.Request, sid string) error {
	a.calls.Add(1)
	a.sid.Store(sid)
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Path: "/", MaxAge: -1})
	return nil
}

var _ idp.SessionEnder = (*enderAuth)(nil)

// newLogoutEnv is newEnv with JWKS; withEnder makes the login step a
// SessionEnder, otherwise the browser keeps its login cookie and only the
// provider's record of the ended session stands in its way.
func newLogoutEnv(t *testing.T, db *store.DB, withEnder bool) (*env, *enderAuth) {
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	ender := &enderAuth{testAuth: &testAuth{subject: "buerger-4711"}}
	var auth idp.Authenticator = ender.testAuth
	if withEnder {
		auth = ender
	}
	e := &env{t: t, db: db, srv: srv, mux: mux, clients: idp.NewClientStore(db), auth: ender.testAuth}
	e.p = newNode(t, db, srv.URL, auth, idp.Config{})
	e.p.Mount(mux)
	mux.HandleFunc("GET /test/login", ender.login)
	e.mountJWKS()
	return e, ender
}

// loginIn runs a code flow in browser b and returns the verified ID token.
func (e *env) loginIn(b *http.Client, cfg *oauth2.Config) (*oauth2.Token, *oidc.IDToken, string) {
	ctx := context.Background()
	v := oauth2.GenerateVerifier()
	loc := e.authorize(b, cfg.AuthCodeURL("st4te-Xq9vLm2p", oauth2.S256ChallengeOption(v)))
	tok, err := cfg.Exchange(ctx, loc.Query().Get("code"), oauth2.VerifierOption(v))
	require.NoError(e.t, err)
	raw, _ := tok.Extra("id_token").(string)
	provider, err := oidc.NewProvider(ctx, e.srv.URL)
	require.NoError(e.t, err)
	idt, err := provider.Verifier(&oidc.Config{ClientID: cfg.ClientID}).Verify(ctx, raw)
	require.NoError(e.t, err)
	return tok, idt, raw
}

// promptNone asks for a silent authorization and returns the answer.
func (e *env) promptNone(b *http.Client, cfg *oauth2.Config) url.Values {
	loc := e.authorize(b, cfg.AuthCodeURL("st4te-Xq9vLm2p",
		oauth2.S256ChallengeOption(oauth2.GenerateVerifier()), oauth2.SetAuthURLParam("prompt", "none")))
	return loc.Query()
}

// logoutGet calls the end_session_endpoint and returns status, Location
// and page.
func (e *env) logoutGet(b *http.Client, q url.Values) (int, string, string) {
	resp, err := b.Get(e.srv.URL + "/oauth2/logout?" + q.Encode())
	require.NoError(e.t, err)
	return readPage(e.t, resp)
}

func (e *env) logoutPost(b *http.Client, form url.Values, origin string) (int, string, string) {
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/oauth2/logout", strings.NewReader(form.Encode()))
	require.NoError(e.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := b.Do(req)
	require.NoError(e.t, err)
	return readPage(e.t, resp)
}

func readPage(t testing.TB, resp *http.Response) (int, string, string) {
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header.Get("Location"), string(body)
}

var confirmField = regexp.MustCompile(`name="logout_request" value="([^"]+)"`)

// sessionEnded reads whether the provider recorded sid as ended.
func sessionEnded(t *testing.T, db *store.DB, sid string) bool {
	var ended int64
	require.NoError(t, db.QueryRow(`SELECT COALESCE(MAX(ended_at), 0) FROM idp_sessions WHERE sid = $1`, sid).Scan(&ended))
	return ended > 0
}

func sidOf(t *testing.T, idt *oidc.IDToken) string {
	var c struct {
		SID string `json:"sid"`
	}
	require.NoError(t, idt.Claims(&c))
	require.NotEmpty(t, c.SID)
	return c.SID
}
