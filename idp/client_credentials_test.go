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

// Client credentials (RFC 6749 §4.4) give a JWT access token whose
// subject is the client; the admin API's introspector accepts it.
func TestClientCredentialsAndIntrospector(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(func(c *idp.Client) {
			c.GrantTypes = []string{idp.GrantClientCredentials}
			c.Scopes = []string{idp.AdminScope}
			c.RedirectURIs = nil
		})
		cc := clientcredentials.Config{ClientID: c.ID, ClientSecret: secret, TokenURL: e.srv.URL + "/oauth2/token",
			Scopes: []string{idp.AdminScope}, AuthStyle: oauth2.AuthStyleInHeader}
		tok, err := cc.Token(context.Background())
		require.NoError(t, err)
		requireJWTClaims(t, tok.AccessToken, map[string]any{"sub": c.ID, "client_id": c.ID, "scope": idp.AdminScope})

		info, err := e.p.Introspect(context.Background(), tok.AccessToken)
		require.NoError(t, err)
		require.Equal(t, idp.TokenInfo{Active: true, ClientID: c.ID, Scopes: []string{idp.AdminScope}, Subject: c.ID}, info)

		info, err = e.p.Introspect(context.Background(), "garbage")
		require.NoError(t, err)
		require.False(t, info.Active)

		cc.Scopes = []string{"openid"}
		_, err = cc.Token(context.Background())
		require.ErrorContains(t, err, "invalid_scope")
	}, migrations...)
}
