package e2e

import (
	"context"
	"encoding/json"
	"html/template"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/idp"
)

// testRP is a relying party of the journey's provider, a server of its
// own with the real client libraries (x/oauth2, go-oidc): /start sends the
// browser to the authorization endpoint with PKCE, state and nonce;
// /callback exchanges the code, verifies the ID token, asks UserInfo and
// shows both as JSON in <pre id="claims"> and <pre id="userinfo">, or the
// error the provider sent in <pre id="error">.
type testRP struct {
	ClientID string
	srv      *httptest.Server
	cfg      oauth2.Config
	verifier *oidc.IDTokenVerifier
	provider *oidc.Provider

	mu      sync.Mutex
	pending map[string]rpLogin // by state
}

type rpLogin struct{ verifier, nonce string }

// RP registers a confidential client (first-party or not) for the scopes
// and starts its server.
func (j *journey) RP(firstParty bool, scopes ...string) *testRP {
	j.t.Helper()
	ctx := context.Background()
	rp := &testRP{pending: map[string]rpLogin{}}
	rp.srv = httptest.NewServer(http.HandlerFunc(rp.serve))
	j.t.Cleanup(rp.srv.Close)
	c, secret, err := idp.RegisterClient(ctx, idp.NewClientStore(j.App.DB), idp.ClientPatch{
		Name: ptr("Testdienst"), RedirectURIs: &[]string{rp.srv.URL + "/callback"},
		GrantTypes: &[]string{"authorization_code", "refresh_token"}, Scopes: &scopes,
		FirstParty: &firstParty})
	require.NoError(j.t, err)
	rp.ClientID = c.ID
	rp.provider, err = oidc.NewProvider(ctx, j.URL)
	require.NoError(j.t, err)
	rp.verifier = rp.provider.Verifier(&oidc.Config{ClientID: c.ID})
	rp.cfg = oauth2.Config{ClientID: c.ID, ClientSecret: secret, Endpoint: rp.provider.Endpoint(),
		RedirectURL: rp.srv.URL + "/callback", Scopes: scopes}
	return rp
}

func ptr[T any](v T) *T { return &v }

// StartURL is where a browser begins a login at the relying party.
func (rp *testRP) StartURL() string { return rp.srv.URL + "/start" }

func (rp *testRP) serve(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/start":
		rp.start(w, r)
	case "/callback":
		rp.callback(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (rp *testRP) start(w http.ResponseWriter, r *http.Request) {
	state, l := oauth2.GenerateVerifier(), rpLogin{verifier: oauth2.GenerateVerifier(), nonce: oauth2.GenerateVerifier()}
	rp.mu.Lock()
	rp.pending[state] = l
	rp.mu.Unlock()
	opts := []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(l.verifier), oidc.Nonce(l.nonce)}
	for _, k := range []string{"prompt", "claims", "acr_values", "max_age"} {
		if v := r.URL.Query().Get(k); v != "" {
			opts = append(opts, oauth2.SetAuthURLParam(k, v))
		}
	}
	http.Redirect(w, r, rp.cfg.AuthCodeURL(state, opts...), http.StatusSeeOther)
}

func (rp *testRP) callback(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	rp.mu.Lock()
	l, ok := rp.pending[q.Get("state")]
	delete(rp.pending, q.Get("state"))
	rp.mu.Unlock()
	switch {
	case !ok:
		rp.page(w, "error", "unknown state")
	case q.Get("error") != "":
		rp.page(w, "error", q.Get("error"))
	default:
		rp.finish(w, r, q.Get("code"), l)
	}
}

// finish exchanges the code and shows the ID token's and UserInfo's
// claims.
func (rp *testRP) finish(w http.ResponseWriter, r *http.Request, code string, l rpLogin) {
	ctx := r.Context()
	tok, err := rp.cfg.Exchange(ctx, code, oauth2.VerifierOption(l.verifier))
	if err != nil {
		rp.page(w, "error", "exchange: "+err.Error())
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := rp.verifier.Verify(ctx, raw)
	if err == nil && idt.Nonce != l.nonce {
		err = errNonce
	}
	if err != nil {
		rp.page(w, "error", "id_token: "+err.Error())
		return
	}
	var claims, info map[string]any
	_ = idt.Claims(&claims)
	if ui, err := rp.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok)); err == nil {
		_ = ui.Claims(&info)
	}
	c, _ := json.MarshalIndent(claims, "", "  ")
	u, _ := json.MarshalIndent(info, "", "  ")
	rp.page(w, "claims", string(c), "userinfo", string(u))
}

type rpError string

func (e rpError) Error() string { return string(e) }

const errNonce = rpError("nonce differs")

var rpPage = template.Must(template.New("rp").Parse(`<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Testdienst</title></head>
<body><main><h1>Testdienst</h1>{{range .}}<pre id="{{.ID}}">{{.Text}}</pre>{{end}}</main></body></html>`))

// page shows id/text pairs, each in a <pre>.
func (rp *testRP) page(w http.ResponseWriter, pairs ...string) {
	type block struct{ ID, Text string }
	var blocks []block
	for i := 0; i+1 < len(pairs); i += 2 {
		blocks = append(blocks, block{pairs[i], pairs[i+1]})
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = rpPage.Execute(w, blocks)
}

// Claims are the ID token claims the callback page shows.
func (j *journey) Claims() map[string]any {
	j.t.Helper()
	var m map[string]any
	require.NoError(j.t, json.Unmarshal([]byte(j.Text("#claims")), &m), "claims on the relying party's page")
	return m
}

// UserInfo is the UserInfo answer the callback page shows.
func (j *journey) UserInfo() map[string]any {
	j.t.Helper()
	var m map[string]any
	require.NoError(j.t, json.Unmarshal([]byte(j.Text("#userinfo")), &m), "userinfo on the relying party's page")
	return m
}
