package idp_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// Both metadata documents (OIDC Discovery §4, RFC 8414 §3) name the exact
// issuer and only what the provider does.
func TestDiscovery(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		for _, path := range []string{"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"} {
			resp, err := http.Get(e.srv.URL + path)
			require.NoError(t, err)
			var m map[string]any
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&m))
			resp.Body.Close()
			require.Equal(t, e.srv.URL, m["issuer"])
			require.Contains(t, resp.Header.Get("Cache-Control"), "max-age")
			require.Equal(t, true, m["authorization_response_iss_parameter_supported"])
			require.Equal(t, []any{"code"}, m["response_types_supported"])
			require.Equal(t, []any{"S256"}, m["code_challenge_methods_supported"])
			require.Equal(t, []any{"ES256", "RS256"}, m["id_token_signing_alg_values_supported"])
			require.Equal(t, e.srv.URL+"/oauth2/token", m["token_endpoint"])
			require.Equal(t, true, m["request_parameter_supported"], "RFC 9101")
			require.Equal(t, false, m["request_uri_parameter_supported"], "only PAR request_uris")
			algs := []any{"ES256", "RS256", "PS256"}
			require.Equal(t, algs, m["request_object_signing_alg_values_supported"])
			require.Equal(t, algs, m["token_endpoint_auth_signing_alg_values_supported"])
			require.Contains(t, m["token_endpoint_auth_methods_supported"], "private_key_jwt")
			require.Equal(t, e.srv.URL+"/oauth2/par", m["pushed_authorization_request_endpoint"])
			require.Equal(t, false, m["require_pushed_authorization_requests"])
			require.Contains(t, m["scopes_supported"], "postfach")
			require.Contains(t, m["claims_supported"], "postfach_handle")
		}
	}, migrations...)
}
