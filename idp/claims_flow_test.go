package idp_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// fakeClaims is the account store as the provider sees it.
type fakeClaims struct{ data *idp.ClaimData }

func (f fakeClaims) ClaimData(context.Context, string) (*idp.ClaimData, error) { return f.data, nil }

// UserInfo returns the scope claims read fresh at the call; the ID token
// carries only what the claims parameter asks of it, read at issue time.
func TestClaimsInUserinfoAndIDToken(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		data := &idp.ClaimData{Username: "erika", Email: "erika@example.de", EmailVerified: true,
			Attributes: map[string]idp.ClaimAttribute{"given_name": {Value: "Erika", Source: "self", Level: 1}}}
		e := newEnv(t, db, idp.Config{Claims: fakeClaims{data}})
		c, secret := e.client(func(c *idp.Client) { c.Scopes = []string{"openid", "profile", "email"} })
		cfg := e.oauth2Config(c, secret)
		cfg.Scopes = []string{"openid", "profile"}
		tok := e.login(cfg, oauth2.SetAuthURLParam("claims", `{"id_token": {"email": null}}`))

		data.Attributes["given_name"] = idp.ClaimAttribute{Value: "Erika Maria", Source: "self", Level: 1}
		resp := e.userinfo(tok.AccessToken)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		var info map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&info))
		require.Equal(t, "Erika Maria", info["given_name"], "read fresh")
		require.Equal(t, "erika", info["preferred_username"])
		require.NotContains(t, info, "email", "email scope not asked for")

		idt := idTokenClaims(t, tok)
		require.NotContains(t, idt, "email", "email scope not granted: not in the ID token either")
		require.NotContains(t, idt, "given_name", "scope claims stay in UserInfo (OIDC Core §5.4)")

		cfg.Scopes = []string{"openid", "profile", "email"}
		tok = e.login(cfg, oauth2.SetAuthURLParam("claims", `{"id_token": {"email": null}}`))
		require.Equal(t, "erika@example.de", idTokenClaims(t, tok)["email"])
	}, migrations...)
}

func idTokenClaims(t *testing.T, tok *oauth2.Token) map[string]any {
	raw, _ := tok.Extra("id_token").(string)
	payload, err := base64.RawURLEncoding.DecodeString(strings.Split(raw, ".")[1])
	require.NoError(t, err)
	var idt map[string]any
	require.NoError(t, json.Unmarshal(payload, &idt))
	return idt
}
