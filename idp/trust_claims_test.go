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

// Introspection (RFC 7662), UserInfo and the JWT access token tell how the
// user logged in: acr in the client's vocabulary, amr, auth_time. The
// second introspection comes from the fast path and says the same.
func TestLoginClaimsEverywhere(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)
		_, tok := e.trustAuthorize(e.browser(), cfg, map[string]string{"acr_values": "http://eidas.europa.eu/LoA/low"})
		require.NotNil(t, tok)
		idt := idTokenClaims(t, tok)
		require.Equal(t, "http://eidas.europa.eu/LoA/substantial", idt["acr"])
		for i := range 2 {
			got := introspect(t, e, c.ID, secret, tok.AccessToken)
			require.Equal(t, true, got["active"], i)
			require.Equal(t, idt["acr"], got["acr"], i)
			require.Equal(t, []any{"pwd", "otp"}, got["amr"], i)
			require.Equal(t, idt["auth_time"], got["auth_time"], i)
		}
		resp := e.userinfo(tok.AccessToken)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		var info map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&info))
		require.Equal(t, idt["acr"], info["acr"])
		require.Equal(t, []any{"pwd", "otp"}, info["amr"])
		require.Equal(t, idt["auth_time"], info["auth_time"])
		at := requireJWTClaims(t, tok.AccessToken, map[string]any{"acr": idt["acr"], "auth_time": idt["auth_time"]})
		require.Equal(t, []any{"pwd", "otp"}, at["amr"])
	}, migrations...)
}

// The sector identifiers go only to a client registered for them, never
// as sub, and no claims parameter gets them for another client.
func TestSectorIdentifiersOnlyForFlaggedClients(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		data := &idp.ClaimData{Username: "erika", Attributes: map[string]idp.ClaimAttribute{
			"restricted_id": {Value: "a1b2c3", Source: "eid", Level: 4},
			"bpk2":          {Value: "bPK2-xyz", Source: "bundid", Level: 4},
		}}
		e := newEnv(t, db, idp.Config{Claims: fakeClaims{data}})
		ask := map[string]string{"claims": `{"id_token":{"restricted_id":null,"bpk2":null},"userinfo":{"restricted_id":null,"bpk2":null}}`}
		for _, flagged := range []bool{false, true} {
			c, secret := e.client(func(c *idp.Client) { c.EIDIdentifiers = flagged })
			_, tok := e.trustAuthorize(e.browser(), e.oauth2Config(c, secret), ask)
			require.NotNil(t, tok)
			idt := idTokenClaims(t, tok)
			resp := e.userinfo(tok.AccessToken)
			var info map[string]any
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&info))
			for _, claims := range []map[string]any{idt, info} {
				require.NotContains(t, []any{"a1b2c3", "bPK2-xyz"}, claims["sub"])
				if !flagged {
					require.NotContains(t, claims, "restricted_id")
					require.NotContains(t, claims, "bpk2")
					continue
				}
				require.Equal(t, "a1b2c3", claims["restricted_id"])
				require.Equal(t, "bPK2-xyz", claims["bpk2"])
				require.NotContains(t, claims, "verified_claims", "identifiers, not verified person data")
			}
		}
	}, migrations...)
}
