package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/internal/app"
)

const (
	redirectURI   = "http://127.0.0.1:9/callback"
	postLogoutURI = "http://127.0.0.1:9/abgemeldet"
)

// createClient registers a first-party client through `mvnk client create`.
func createClient(t testing.TB, vars map[string]string) (id, secret string) {
	t.Helper()
	e, out, stderr := env(vars)
	code := app.Run(context.Background(), []string{"client", "create", "--name", "eAst",
		"--redirect-uri", redirectURI, "--post-logout-redirect-uri", postLogoutURI, "--grant-type", "authorization_code", "--grant-type", "refresh_token",
		"--scope", "openid", "--scope", "offline_access", "--first-party", "--json"}, e)
	require.Equal(t, 0, code, stderr.String())
	var c struct {
		ID     string `json:"client_id"`
		Secret string `json:"client_secret"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &c))
	return c.ID, c.Secret
}

// browser follows redirects like a browser, but stops at the client's
// redirect_uri, where the relying party would take over.
func browser(t testing.TB) *http.Client {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &http.Client{Jar: jar, CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		if strings.HasPrefix(req.URL.String(), "http://127.0.0.1:9/") {
			return http.ErrUseLastResponse
		}
		return nil
	}}
}

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// The whole code flow of a relying party through the development login,
// with go-oidc and x/oauth2 on the client side.
func TestDevLoginCodeFlowWithRealClient(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	ctx := context.Background()
	provider, err := oidc.NewProvider(ctx, n.url)
	require.NoError(t, err)
	id, secret := createClient(t, vars)
	endpoint := provider.Endpoint()
	endpoint.AuthStyle = oauth2.AuthStyleInHeader // client_secret_basic, as registered
	cfg := oauth2.Config{ClientID: id, ClientSecret: secret, Endpoint: endpoint,
		RedirectURL: redirectURI, Scopes: []string{oidc.ScopeOpenID, "offline_access"}}
	verifier := oauth2.GenerateVerifier()

	b := browser(t)
	resp, err := b.Get(cfg.AuthCodeURL("zustand-42", oauth2.S256ChallengeOption(verifier), oidc.Nonce("n-0S6_WzA2Mj")))
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, string(page), "Als Testperson anmelden (Entwicklungsinstanz)", "the web login links the test login")
	weiter := resp.Request.URL.Query().Get("weiter")
	resp, err = b.Get(n.url + "/anmelden/testperson?" + url.Values{"weiter": {weiter}}.Encode())
	require.NoError(t, err)
	page, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Contains(t, string(page), "Entwicklungsinstanz – keine echte Anmeldung")
	token := csrfField.FindStringSubmatch(string(page))
	require.Len(t, token, 2)

	form := url.Values{"csrf_token": {token[1]}, "person": {"demo-erika"}, "weiter": {weiter}}
	req, _ := http.NewRequest(http.MethodPost, n.url+"/anmelden/testperson", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", n.url)
	resp, err = b.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	back, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	require.Equal(t, "zustand-42", back.Query().Get("state"))
	require.Equal(t, n.url, back.Query().Get("iss"), "RFC 9207")

	tok, err := cfg.Exchange(ctx, back.Query().Get("code"), oauth2.VerifierOption(verifier))
	require.NoError(t, err)
	raw, _ := tok.Extra("id_token").(string)
	idt, err := provider.Verifier(&oidc.Config{ClientID: id}).Verify(ctx, raw)
	require.NoError(t, err)
	require.Equal(t, "n-0S6_WzA2Mj", idt.Nonce)
	var claims struct {
		ACR string   `json:"acr"`
		AMR []string `json:"amr"`
		SID string   `json:"sid"`
	}
	require.NoError(t, idt.Claims(&claims))
	require.Equal(t, "STORK-QAA-Level-1", claims.ACR)
	require.Equal(t, []string{"pwd"}, claims.AMR)
	require.NotEmpty(t, claims.SID)
	require.NotEmpty(t, tok.RefreshToken)

	// RP-Initiated Logout ends the demo login: the next authorization
	// request shows the login page again.
	q := url.Values{"id_token_hint": {raw}, "post_logout_redirect_uri": {postLogoutURI}, "state": {"abmelden-42"}}
	resp, err = b.Get(n.url + "/oauth2/logout?" + q.Encode())
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, postLogoutURI+"?state=abmelden-42", resp.Header.Get("Location"))
	resp, err = b.Get(cfg.AuthCodeURL("zustand-43", oauth2.S256ChallengeOption(verifier)))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, "/anmelden", resp.Request.URL.Path, "logged out: the login page again")
}

// Without --dev the web login asks for username and password, and offers
// no test persons.
func TestWebLoginWithoutDev(t *testing.T) {
	vars := prodVars(map[string]string{"MVNK_DATA_DIR": t.TempDir(), "MVNK_MASTER_KEY": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="})
	n := startNode(t, vars)
	id, _ := createClient(t, vars)
	q := url.Values{"response_type": {"code"}, "client_id": {id}, "redirect_uri": {redirectURI}, "scope": {"openid"},
		"state": {"zustand-42"}, "code_challenge": {"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"}, "code_challenge_method": {"S256"}}
	resp, body := get(t, n.url+"/oauth2/auth?"+q.Encode())
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "/anmelden", resp.Request.URL.Path)
	require.Contains(t, body, `autocomplete="current-password"`)
	require.NotContains(t, body, "Testperson")
	resp, _ = get(t, n.url+"/anmelden/testperson")
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
}
