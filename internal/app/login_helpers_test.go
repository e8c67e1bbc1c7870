package app_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/internal/app"
	"mvnk/store"
)

const webPassword = "Ostseewind über Warnemünde"

// createAccount makes an active citizen account through the CLI.
func createAccount(t testing.TB, vars map[string]string, username, email string) {
	t.Helper()
	e, _, stderr := env(vars)
	e.Stdin = strings.NewReader(webPassword + "\n")
	code := app.Run(context.Background(), []string{"account", "create", "--username", username,
		"--email", email, "--password-stdin", "--email-verified"}, e)
	require.Equal(t, 0, code, stderr.String())
}

// openDB opens the node's SQLite database beside it, to look at rows.
func openDB(t testing.TB, vars map[string]string) *store.DB {
	db, err := store.Open(context.Background(), "sqlite:"+filepath.Join(vars["MVNK_DATA_DIR"], "mvnk.db"), store.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

func count(t testing.TB, db *store.DB, query string, args ...any) int {
	var n int
	require.NoError(t, db.QueryRowContext(context.Background(), query, args...).Scan(&n))
	return n
}

// relyingParty is a first-party client using go-oidc and x/oauth2.
type relyingParty struct {
	provider  *oidc.Provider
	cfg       oauth2.Config
	verifier  string
	lastToken *oauth2.Token // of the last idToken exchange
}

func newRelyingParty(t testing.TB, n *node, vars map[string]string) *relyingParty {
	provider, err := oidc.NewProvider(context.Background(), n.url)
	require.NoError(t, err)
	id, secret := createClient(t, vars)
	endpoint := provider.Endpoint()
	endpoint.AuthStyle = oauth2.AuthStyleInHeader
	return &relyingParty{provider: provider, verifier: oauth2.GenerateVerifier(), cfg: oauth2.Config{
		ClientID: id, ClientSecret: secret, Endpoint: endpoint, RedirectURL: redirectURI, Scopes: []string{oidc.ScopeOpenID}}}
}

// start sends the browser to the authorization endpoint and returns the
// last response (the login page, or the redirect back to the client).
func (rp *relyingParty) start(t testing.TB, b *http.Client, opts ...oauth2.AuthCodeOption) (*http.Response, string) {
	opts = append(opts, oauth2.S256ChallengeOption(rp.verifier))
	resp, err := b.Get(rp.cfg.AuthCodeURL("zustand-42", opts...))
	return read(t, resp, err)
}

// idToken exchanges the code of the client's redirect for the ID token.
func (rp *relyingParty) idToken(t testing.TB, back *http.Response) (*oidc.IDToken, string) {
	t.Helper()
	loc, err := url.Parse(back.Header.Get("Location"))
	require.NoError(t, err)
	require.NotEmpty(t, loc.Query().Get("code"), "redirect %q after %d %s", loc, back.StatusCode, back.Request.URL)
	ctx := context.Background()
	tok, err := rp.cfg.Exchange(ctx, loc.Query().Get("code"), oauth2.VerifierOption(rp.verifier))
	require.NoError(t, err)
	rp.lastToken = tok
	raw, _ := tok.Extra("id_token").(string)
	idt, err := rp.provider.Verifier(&oidc.Config{ClientID: rp.cfg.ClientID}).Verify(ctx, raw)
	require.NoError(t, err)
	return idt, raw
}

func fetch(t testing.TB, b *http.Client, target string) (*http.Response, string) {
	t.Helper()
	resp, err := b.Get(target)
	return read(t, resp, err)
}

func read(t testing.TB, resp *http.Response, err error) (*http.Response, string) {
	t.Helper()
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(body)
}

// submit posts a form of page (a body with a csrf_token field) to path,
// as the browser would, from our own origin.
func submit(t testing.TB, b *http.Client, base, path, page string, form url.Values) (*http.Response, string) {
	t.Helper()
	token := csrfField.FindStringSubmatch(page)
	require.Len(t, token, 2, "no csrf_token on the page")
	form.Set("csrf_token", token[1])
	return post(t, b, base+path, form)
}

func post(t testing.TB, b *http.Client, target string, form url.Values) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", target[:strings.Index(target[len("http://"):], "/")+len("http://")])
	resp, err := b.Do(req)
	return read(t, resp, err)
}
