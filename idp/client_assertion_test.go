package idp_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

func pkjwtClient(keys *jose.JSONWebKeySet, uri string) func(c *idp.Client) {
	return func(c *idp.Client) {
		c.GrantTypes, c.RedirectURIs, c.Scopes = []string{idp.GrantClientCredentials}, nil, []string{"lesen"}
		c.AuthMethod, c.JWKS, c.JWKSURI = idp.AuthPrivateKeyJWT, keys, uri
	}
}

// private_key_jwt (RFC 7523 §2.2, OIDC Core §9) with ES256, RS256 and
// PS256 keys registered by value; every violation is invalid_client.
func TestPrivateKeyJWT(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		es, rs, ps := newClientKey(t, jose.ES256), newClientKey(t, jose.RS256), newClientKey(t, jose.PS256)
		c, _ := e.client(pkjwtClient(jwks(es, rs, ps), ""))
		for _, k := range []clientKey{es, rs, ps} {
			claims := e.assertionClaims(c.ID)
			if k.alg == jose.PS256 {
				claims["aud"] = []string{"https://other.example", e.srv.URL} // the issuer, in an array
			}
			a := k.sign(t, claims, "")
			status, errCode := e.tokenError(assertionForm(a))
			require.Equal(t, http.StatusOK, status, string(k.alg)+" "+errCode)
			status, errCode = e.tokenError(assertionForm(a))
			require.Equal(t, "invalid_client", errCode, "replayed jti (RFC 7523 §3 item 7)")
			require.Equal(t, http.StatusUnauthorized, status)
		}

		other := newClientKey(t, jose.ES256)
		other.kid = es.kid // a stranger's key under a registered kid
		secretClient, secret := e.client(func(x *idp.Client) {
			x.GrantTypes, x.RedirectURIs, x.Scopes = []string{idp.GrantClientCredentials}, nil, []string{"lesen"}
		})
		hs := clientKey{alg: jose.HS256, kid: es.kid, priv: []byte("0123456789abcdef0123456789abcdef")}
		mutate := func(f func(m map[string]any)) string { m := e.assertionClaims(c.ID); f(m); return es.sign(t, m, "") }
		bad := map[string]url.Values{
			"no exp":           assertionForm(mutate(func(m map[string]any) { delete(m, "exp") })),
			"exp 10 min ahead": assertionForm(mutate(func(m map[string]any) { m["exp"] = time.Now().Add(10 * time.Minute).Unix() })),
			"expired":          assertionForm(mutate(func(m map[string]any) { m["exp"] = time.Now().Add(-2 * time.Minute).Unix() })),
			"wrong aud":        assertionForm(mutate(func(m map[string]any) { m["aud"] = "https://other.example/token" })),
			"iss is not sub":   assertionForm(mutate(func(m map[string]any) { m["iss"] = "someone" })),
			"no jti":           assertionForm(mutate(func(m map[string]any) { delete(m, "jti") })),
			"nbf in future":    assertionForm(mutate(func(m map[string]any) { m["nbf"] = time.Now().Add(time.Minute).Unix() })),
			"unknown key":      assertionForm(other.sign(t, e.assertionClaims(c.ID), "")),
			"alg none":         assertionForm(noneJWT(`{"iss":"` + c.ID + `","sub":"` + c.ID + `","aud":"` + e.srv.URL + `","exp":4102444800,"jti":"x"}`)),
			"HS256":            assertionForm(hs.sign(t, e.assertionClaims(c.ID), "")),
			"secret client":    assertionForm(es.sign(t, e.assertionClaims(secretClient.ID), "")),
			"wrong type":       {"grant_type": {"client_credentials"}, "client_assertion_type": {"urn:x"}, "client_assertion": {es.sign(t, e.assertionClaims(c.ID), "")}},
			"client_id differs": func() url.Values {
				f := assertionForm(es.sign(t, e.assertionClaims(c.ID), ""))
				f.Set("client_id", secretClient.ID)
				return f
			}(),
			"no assertion, client_id only": {"grant_type": {"client_credentials"}, "client_id": {c.ID}},
			"client_secret_post instead":   {"grant_type": {"client_credentials"}, "client_id": {c.ID}, "client_secret": {"x"}},
		}
		for name, form := range bad {
			_, errCode := e.tokenError(form)
			require.Equal(t, "invalid_client", errCode, name)
		}
		resp := e.postForm("/oauth2/token", secretClient.ID, secret, url.Values{"grant_type": {"client_credentials"}})
		require.Equal(t, http.StatusOK, resp.StatusCode, "secrets still work for secret clients")
	}, migrations...)
}

// Keys by reference: the jwks_uri is fetched once and cached; a new key
// (a rotation at the client) is fetched again. Used jtis are purged.
func TestPrivateKeyJWTWithJWKSURI(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		k1, k2 := newClientKey(t, jose.ES256), newClientKey(t, jose.RS256)
		var served atomic.Pointer[jose.JSONWebKeySet]
		served.Store(jwks(k1))
		var fetches atomic.Int32
		keySrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			fetches.Add(1)
			_ = json.NewEncoder(w).Encode(served.Load())
		}))
		t.Cleanup(keySrv.Close)
		var skew atomic.Int64
		now := func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }
		e := newEnv(t, db, idp.Config{HTTPClient: keySrv.Client(), Now: now})
		c, _ := e.client(pkjwtClient(nil, keySrv.URL+"/jwks.json"))

		for range 2 {
			status, errCode := e.tokenError(assertionForm(k1.sign(t, e.assertionClaims(c.ID), "")))
			require.Equal(t, http.StatusOK, status, errCode)
		}
		require.Equal(t, int32(1), fetches.Load(), "cached")

		served.Store(jwks(k1, k2))
		skew.Store(int64(time.Minute)) // past the refetch pause
		claims := e.assertionClaims(c.ID)
		claims["exp"] = now().Add(2 * time.Minute).Unix()
		status, errCode := e.tokenError(assertionForm(k2.sign(t, claims, "")))
		require.Equal(t, http.StatusOK, status, errCode)
		require.Equal(t, int32(2), fetches.Load(), "refetched for the new key")

		var n int
		require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM idp_client_assertions`).Scan(&n))
		require.Equal(t, 3, n)
		skew.Store(int64(10 * time.Minute))
		require.NoError(t, e.p.PurgeExpired(context.Background(), ""))
		require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM idp_client_assertions`).Scan(&n))
		require.Equal(t, 0, n, "expired jtis purged")
	}, migrations...)
}
