package idp_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// A client introspects only tokens issued to it or with it in the
// audience (RFC 7662 §4); for others it learns nothing, not even that the
// token exists. The admin API's introspector is not restricted.
func TestIntrospectionRestrictedToOwnTokens(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		owner, ownerSecret := e.client(nil)
		tok := e.login(e.oauth2Config(owner, ownerSecret))
		api, apiSecret := e.client(func(c *idp.Client) {
			c.GrantTypes = []string{idp.GrantClientCredentials}
			c.RedirectURIs, c.Scopes = nil, []string{"lesen"}
		})
		other, otherSecret := e.client(nil)

		for _, token := range []string{tok.AccessToken, tok.RefreshToken} {
			require.Equal(t, true, introspect(t, e, owner.ID, ownerSecret, token)["active"], "own token")
			got := introspect(t, e, other.ID, otherSecret, token)
			require.Equal(t, map[string]any{"active": false}, got, "another client's token")
			require.Equal(t, false, introspect(t, e, api.ID, apiSecret, token)["active"], "not in the audience")
		}
		info, err := e.p.Introspect(context.Background(), tok.AccessToken)
		require.NoError(t, err)
		require.True(t, info.Active, "admin introspector is unaffected")

		// A token whose audience names the API: the API may introspect it.
		caller, callerSecret := e.client(func(c *idp.Client) {
			c.GrantTypes = []string{idp.GrantClientCredentials}
			c.RedirectURIs, c.Scopes, c.Audience = nil, []string{"lesen"}, []string{api.ID}
		})
		cc := clientcredentials.Config{ClientID: caller.ID, ClientSecret: callerSecret, TokenURL: e.srv.URL + "/oauth2/token",
			Scopes: []string{"lesen"}, EndpointParams: map[string][]string{"audience": {api.ID}}, AuthStyle: oauth2.AuthStyleInHeader}
		forAPI, err := cc.Token(context.Background())
		require.NoError(t, err)
		got := introspect(t, e, api.ID, apiSecret, forAPI.AccessToken)
		require.Equal(t, true, got["active"], "audience contains the caller")
		require.Equal(t, caller.ID, got["client_id"])
		require.Equal(t, false, introspect(t, e, other.ID, otherSecret, forAPI.AccessToken)["active"])
	}, migrations...)
}
