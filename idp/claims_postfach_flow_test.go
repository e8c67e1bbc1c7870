package idp_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

const testHandle = "3d5e8a4c-1f0b-4e7a-9c2d-8b6f4a1e0c77"

// postfachClaims is the handle as go-oidc reads it from a token.
type postfachClaims struct {
	Handle *string `json:"postfach_handle"`
}

// A relying party granted scope postfach finds the account's handle in
// the verified ID token and at UserInfo; without the scope, in neither.
func TestPostfachClaimWithClientLibraries(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		data := &idp.ClaimData{Username: "erika", PostfachHandle: testHandle}
		e := newEnv(t, db, idp.Config{Claims: fakeClaims{data}})
		e.mountJWKS()
		c, secret := e.client(func(c *idp.Client) { c.Scopes = []string{"openid", "email", "postfach"} })
		ctx := context.Background()
		provider, err := oidc.NewProvider(ctx, e.srv.URL)
		require.NoError(t, err)
		verifier := provider.Verifier(&oidc.Config{ClientID: c.ID})
		cfg := e.oauth2Config(c, secret)

		for _, tc := range []struct {
			scopes []string
			want   *string
		}{
			{[]string{oidc.ScopeOpenID, "postfach"}, new(testHandle)},
			{[]string{oidc.ScopeOpenID, "email"}, nil},
		} {
			cfg.Scopes = tc.scopes
			tok := e.login(cfg)
			raw, _ := tok.Extra("id_token").(string)
			idt, err := verifier.Verify(ctx, raw)
			require.NoError(t, err)
			var inToken, atUserinfo postfachClaims
			require.NoError(t, idt.Claims(&inToken))
			require.Equal(t, tc.want, inToken.Handle, "ID token, scopes %v", tc.scopes)
			info, err := provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
			require.NoError(t, err)
			require.NoError(t, info.Claims(&atUserinfo))
			require.Equal(t, tc.want, atUserinfo.Handle, "UserInfo, scopes %v", tc.scopes)
		}
	}, migrations...)
}

// The consent page says in plain words what the postfach scope lets a
// service do, in German and in English.
func TestConsentDescribesPostfachScope(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := consentEnv(t, e, func(c *idp.Client) { c.Scopes = []string{"openid", "postfach"} })
		cfg := e.oauth2Config(c, secret)
		cfg.Scopes = []string{oidc.ScopeOpenID, "postfach"}
		b := e.browser()
		getPage(t, b, e.srv.URL+"/test/login?resume=/")
		authURL := cfg.AuthCodeURL("st4te-Xq9vLm2p", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))
		resp, page := getPage(t, b, authURL)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, page, "Ihre Postfach-Kennung: damit kann der Dienst Ihnen Nachrichten und Bescheide in Ihr Postfach im MV-Nutzerkonto senden")

		req, err := http.NewRequest(http.MethodGet, authURL, nil)
		require.NoError(t, err)
		req.Header.Set("Accept-Language", "en")
		resp, err = b.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		en, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.Contains(t, string(en), "Your Postfach identifier")
	}, migrations...)
}
