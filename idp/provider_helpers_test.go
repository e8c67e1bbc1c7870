package idp_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/idp"
	"mvnk/keys"
	"mvnk/portal"
	"mvnk/store"
)

const rpRedirect = "https://rp.example.de/callback"

var testMaster = []byte("0123456789abcdef0123456789abcdef")

// env is one provider node behind an httptest server, on a test database.
type env struct {
	t       testing.TB
	db      *store.DB
	srv     *httptest.Server
	mux     *http.ServeMux
	p       *idp.Provider
	clients *idp.SQLClientStore
	auth    *testAuth
}

// newEnv starts a provider on db. cfg's Issuer and MasterKey are filled in.
func newEnv(t testing.TB, db *store.DB, cfg idp.Config) *env {
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	e := &env{t: t, db: db, srv: srv, mux: mux, clients: idp.NewClientStore(db), auth: &testAuth{subject: "buerger-4711"}}
	e.p = newNode(t, db, srv.URL, e.auth, cfg)
	e.p.Mount(mux)
	mux.HandleFunc("GET /test/login", e.auth.login)
	return e
}

// newNode builds a provider with its own keys.Manager, as a second node
// on the same database would have.
func newNode(t testing.TB, db *store.DB, issuer string, auth idp.Authenticator, cfg idp.Config) *idp.Provider {
	km := keys.New(db, testMaster, keys.Config{RSABits: 2048}, nil)
	require.NoError(t, km.Ensure(context.Background()))
	cfg.Issuer, cfg.MasterKey = issuer, testMaster
	cfg.Shell = newShell(t, db, issuer, km)
	p, err := idp.New(db, idp.NewClientStore(db), km, auth, cfg, nil)
	require.NoError(t, err)
	return p
}

// newShell is the portal the provider's pages render in.
func newShell(t testing.TB, db *store.DB, issuer string, km *keys.Manager) *portal.Portal {
	u, err := url.Parse(issuer)
	require.NoError(t, err)
	shell, err := portal.New(portal.Config{PublicURL: u}, db, km, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	return shell
}

func (e *env) mountJWKS() { e.mux.Handle("GET /.well-known/jwks.json", jwksHandler(e.db)) }

func jwksHandler(db *store.DB) http.Handler {
	return keys.New(db, testMaster, keys.Config{RSABits: 2048}, nil).JWKSHandler()
}

// client registers a client; mutate adjusts the defaults. It returns the
// client and its plain secret ("" for public clients).
func (e *env) client(mutate func(c *idp.Client)) (*idp.Client, string) {
	c := &idp.Client{
		Name: "Testdienst", RedirectURIs: []string{rpRedirect},
		GrantTypes:  []string{idp.GrantAuthorizationCode, idp.GrantRefreshToken},
		Scopes:      []string{"openid", "offline_access"},
		RequirePKCE: true,
	}
	if mutate != nil {
		mutate(c)
	}
	c.ApplyDefaults()
	var plain string
	if c.NeedsSecret() {
		plain, c.SecretHash = idp.GenerateSecret()
	}
	require.NoError(e.t, e.clients.CreateClient(context.Background(), c))
	// The test login's account has consented to the client's scopes
	// (consent_test.go covers the consent page itself).
	require.NoError(e.t, idp.NewConsentStore(e.db).Put(context.Background(), e.auth.subject, c.ID, c.Scopes))
	return c, plain
}

func (e *env) oauth2Config(c *idp.Client, secret string) *oauth2.Config {
	style := oauth2.AuthStyleInHeader
	if c.Public {
		style = oauth2.AuthStyleInParams
	}
	return &oauth2.Config{
		ClientID: c.ID, ClientSecret: secret, RedirectURL: c.RedirectURIs[0],
		Scopes: []string{oidc.ScopeOpenID, oidc.ScopeOfflineAccess},
		Endpoint: oauth2.Endpoint{
			AuthURL: e.srv.URL + "/oauth2/auth", TokenURL: e.srv.URL + "/oauth2/token", AuthStyle: style,
		},
	}
}

// browser follows redirects with a cookie jar and stops at the relying
// party, whose redirect URI is never fetched.
func (e *env) browser() *http.Client {
	jar, err := cookiejar.New(nil)
	require.NoError(e.t, err)
	return &http.Client{Jar: jar, CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		if !strings.HasPrefix(req.URL.String(), e.srv.URL) {
			return http.ErrUseLastResponse
		}
		return nil
	}}
}

// authorize runs the front channel and returns the redirect to the RP.
func (e *env) authorize(b *http.Client, authURL string) *url.URL {
	resp, err := b.Get(authURL)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	require.Equal(e.t, http.StatusSeeOther, resp.StatusCode, "redirect to the client expected")
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(e.t, err)
	require.Equal(e.t, e.srv.URL, loc.Query().Get("iss"), "RFC 9207 iss in every authorization response")
	return loc
}

// login runs a whole code flow with PKCE and returns the tokens.
func (e *env) login(cfg *oauth2.Config, opts ...oauth2.AuthCodeOption) *oauth2.Token {
	verifier := oauth2.GenerateVerifier()
	opts = append(opts, oauth2.S256ChallengeOption(verifier), oidc.Nonce("n-0S6_WzA2Mj"))
	loc := e.authorize(e.browser(), cfg.AuthCodeURL("st4te-Xq9vLm2p", opts...))
	require.Equal(e.t, "st4te-Xq9vLm2p", loc.Query().Get("state"))
	require.NotEmpty(e.t, loc.Query().Get("code"), loc.String())
	tok, err := cfg.Exchange(context.Background(), loc.Query().Get("code"), oauth2.VerifierOption(verifier))
	require.NoError(e.t, err)
	return tok
}

// userinfo calls the UserInfo endpoint with a bearer token.
func (e *env) userinfo(token string) *http.Response {
	req, err := http.NewRequest(http.MethodGet, e.srv.URL+"/oauth2/userinfo", nil)
	require.NoError(e.t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(e.t, err)
	e.t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// postForm posts to an endpoint with client credentials in Basic auth.
func (e *env) postForm(path, id, secret string, form url.Values) *http.Response {
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(form.Encode()))
	require.NoError(e.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if id != "" {
		req.SetBasicAuth(url.QueryEscape(id), url.QueryEscape(secret))
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(e.t, err)
	e.t.Cleanup(func() { resp.Body.Close() })
	return resp
}
