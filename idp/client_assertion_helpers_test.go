package idp_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"

	"mvnk/store"
)

// clientKey is a client's signing key pair for assertions and request objects.
type clientKey struct {
	alg  jose.SignatureAlgorithm
	kid  string
	priv any
	pub  any
}

func newClientKey(t *testing.T, alg jose.SignatureAlgorithm) clientKey {
	k := clientKey{alg: alg, kid: store.NewID()}
	if alg == jose.ES256 {
		priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		k.priv, k.pub = priv, &priv.PublicKey
		return k
	}
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	k.priv, k.pub = priv, &priv.PublicKey
	return k
}

func (k clientKey) jwk() jose.JSONWebKey {
	return jose.JSONWebKey{Key: k.pub, KeyID: k.kid, Algorithm: string(k.alg), Use: "sig"}
}

func jwks(keys ...clientKey) *jose.JSONWebKeySet {
	set := &jose.JSONWebKeySet{}
	for _, k := range keys {
		set.Keys = append(set.Keys, k.jwk())
	}
	return set
}

// sign makes a compact JWS of claims, typ as given ("" for JWT).
func (k clientKey) sign(t *testing.T, claims map[string]any, typ string) string {
	if typ == "" {
		typ = "JWT"
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: k.alg, Key: jose.JSONWebKey{Key: k.priv, KeyID: k.kid}},
		(&jose.SignerOptions{}).WithType(jose.ContentType(typ)))
	require.NoError(t, err)
	payload, err := json.Marshal(claims)
	require.NoError(t, err)
	obj, err := signer.Sign(payload)
	require.NoError(t, err)
	raw, err := obj.CompactSerialize()
	require.NoError(t, err)
	return raw
}

// assertionClaims are valid client assertion claims (RFC 7523 §3).
func (e *env) assertionClaims(clientID string) map[string]any {
	now := time.Now()
	return map[string]any{
		"iss": clientID, "sub": clientID, "aud": e.srv.URL + "/oauth2/token",
		"exp": now.Add(2 * time.Minute).Unix(), "iat": now.Unix(), "jti": store.NewID(),
	}
}

// assertionForm is a client_credentials request authenticated by assertion.
func assertionForm(assertion string) url.Values {
	return url.Values{
		"grant_type":            {"client_credentials"},
		"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
		"client_assertion":      {assertion},
	}
}

// tokenError posts form to the token endpoint and returns status and error.
func (e *env) tokenError(form url.Values) (int, string) {
	resp := e.postForm("/oauth2/token", "", "", form)
	var body struct {
		Error string `json:"error"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	if resp.StatusCode == http.StatusOK {
		return resp.StatusCode, ""
	}
	return resp.StatusCode, body.Error
}
