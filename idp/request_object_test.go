package idp_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// requestObjectClaims is a valid request object (RFC 9101 §4) for c.
func (e *env) requestObjectClaims(c *idp.Client, verifier string) map[string]any {
	return map[string]any{
		"iss": c.ID, "aud": e.srv.URL, "client_id": c.ID, "exp": time.Now().Add(10 * time.Minute).Unix(),
		"response_type": "code", "redirect_uri": c.RedirectURIs[0], "scope": "openid",
		"state": "st4te-Xq9vLm2p", "nonce": "n-0S6_WzA2Mj",
		"code_challenge": oauth2.S256ChallengeFromVerifier(verifier), "code_challenge_method": "S256",
		"max_age": 600,
		"claims":  map[string]any{"id_token": map[string]any{"acr": map[string]any{"essential": true, "values": []string{"substantiell", "hoch"}}}},
	}
}

// A signed request object's claims override the query and keep their JSON
// types: a numeric max_age and an essential acr reach the login step with
// their meaning (idp-anchors §4.4 pitfall: fosite's %s copy loses them).
func TestRequestObjectKeepsJSONTypes(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		k := newClientKey(t, jose.RS256)
		c, secret := e.client(func(c *idp.Client) { c.JWKS = jwks(k) })
		verifier := oauth2.GenerateVerifier()
		q := url.Values{"client_id": {c.ID}, "max_age": {"5"}, "login_hint": {"vom-query"}, "scope": {"openid"}, "response_type": {"code"},
			"request": {k.sign(t, e.requestObjectClaims(c, verifier), "oauth-authz-req+jwt")}}
		loc := e.authorize(e.browser(), e.authorizeURL(q))
		require.NotEmpty(t, loc.Query().Get("code"), loc.String())

		login := e.auth.last.Load()
		require.Equal(t, 10*time.Minute, *login.MaxAge, "numeric max_age from the object wins")
		require.Equal(t, "vom-query", login.LoginHint)
		var claims struct {
			IDToken struct {
				ACR struct {
					Essential any      `json:"essential"`
					Values    []string `json:"values"`
				} `json:"acr"`
			} `json:"id_token"`
		}
		require.NoError(t, json.Unmarshal(login.Claims, &claims), string(login.Claims))
		require.Equal(t, true, claims.IDToken.ACR.Essential, "essential stays a boolean")
		require.Equal(t, []string{"substantiell", "hoch"}, claims.IDToken.ACR.Values)

		_, err := e.oauth2Config(c, secret).Exchange(context.Background(), loc.Query().Get("code"), oauth2.VerifierOption(verifier))
		require.NoError(t, err)
	}, migrations...)
}

// Every defect of a request object is invalid_request_object, sent with
// iss to the redirect URI of the query when that one is registered.
func TestRequestObjectRefused(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		k, stranger := newClientKey(t, jose.ES256), newClientKey(t, jose.ES256)
		c, _ := e.client(func(c *idp.Client) { c.JWKS = jwks(k) })
		noKeys, _ := e.client(nil)
		v := oauth2.GenerateVerifier()
		mutate := func(f func(m map[string]any)) string { m := e.requestObjectClaims(c, v); f(m); return k.sign(t, m, "") }
		hs := clientKey{alg: jose.HS256, kid: k.kid, priv: []byte("0123456789abcdef0123456789abcdef")}
		cases := map[string]string{
			"alg none":          noneJWT(`{"iss":"` + c.ID + `","aud":"` + e.srv.URL + `","client_id":"` + c.ID + `","response_type":"code"}`),
			"HS256":             hs.sign(t, e.requestObjectClaims(c, v), ""),
			"stranger's key":    stranger.sign(t, e.requestObjectClaims(c, v), ""),
			"aud not issuer":    mutate(func(m map[string]any) { m["aud"] = e.srv.URL + "/oauth2/token" }),
			"iss not client":    mutate(func(m map[string]any) { m["iss"] = noKeys.ID }),
			"client_id differs": mutate(func(m map[string]any) { m["client_id"] = noKeys.ID }),
			"expired":           mutate(func(m map[string]any) { m["exp"] = time.Now().Add(-time.Hour).Unix() }),
			"exp 2 h ahead":     mutate(func(m map[string]any) { m["exp"] = time.Now().Add(2 * time.Hour).Unix() }),
			"nested request":    mutate(func(m map[string]any) { m["request_uri"] = "https://rp.example.de/r" }),
			"max_age string":    mutate(func(m map[string]any) { m["max_age"] = "600" }),
		}
		for name, obj := range cases {
			q := url.Values{"client_id": {c.ID}, "request": {obj}, "redirect_uri": {rpRedirect}, "response_type": {"code"},
				"scope": {"openid"}, "state": {"st4te-Xq9vLm2p"}}
			loc := e.authorize(e.browser(), e.authorizeURL(q))
			require.Equal(t, "invalid_request_object", loc.Query().Get("error"), name)
			require.Empty(t, loc.Query().Get("code"), name)
		}
		q := url.Values{"client_id": {noKeys.ID}, "request": {k.sign(t, e.requestObjectClaims(noKeys, v), "")}, "redirect_uri": {rpRedirect},
			"response_type": {"code"}, "scope": {"openid"}, "state": {"st4te-Xq9vLm2p"}}
		loc := e.authorize(e.browser(), e.authorizeURL(q))
		require.Equal(t, "invalid_request_object", loc.Query().Get("error"), "client without keys")
	}, migrations...)
}

// A request object may travel inside PAR (RFC 9126 §3); the pushed
// parameters then carry the object's typed values.
func TestRequestObjectInPAR(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		k := newClientKey(t, jose.PS256)
		c, secret := e.client(func(c *idp.Client) { c.JWKS, c.RequirePAR = jwks(k), true })
		v := oauth2.GenerateVerifier()
		status, body := e.push(c.ID, secret, url.Values{"request": {k.sign(t, e.requestObjectClaims(c, v), "")}})
		require.Equal(t, http.StatusCreated, status, body)
		loc := e.authorize(e.browser(), e.authorizeURL(url.Values{"client_id": {c.ID}, "request_uri": {body["request_uri"].(string)}}))
		require.NotEmpty(t, loc.Query().Get("code"), loc.String())
		require.Equal(t, 10*time.Minute, *e.auth.last.Load().MaxAge)
		require.JSONEq(t, `{"id_token":{"acr":{"essential":true,"values":["substantiell","hoch"]}}}`, string(e.auth.last.Load().Claims))

		m := e.requestObjectClaims(c, v)
		m["iss"] = "someone-else"
		status, body = e.push(c.ID, secret, url.Values{"request": {k.sign(t, m, "")}})
		require.Equal(t, http.StatusBadRequest, status)
		require.Equal(t, "invalid_request_object", body["error"])
	}, migrations...)
}
