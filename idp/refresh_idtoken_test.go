package idp_test

import (
	"context"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// A refresh answer carries a new ID token (OIDC Core §12.2): same sub and
// auth_time as the first, a new iat and exp, verifiable like the first;
// a nonce, if present, is the original one.
func TestRefreshIssuesIDToken(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		e.mountJWKS()
		ctx := context.Background()
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)
		provider, err := oidc.NewProvider(ctx, e.srv.URL)
		require.NoError(t, err)
		verifier := provider.Verifier(&oidc.Config{ClientID: c.ID})

		tok := e.login(cfg)
		first, err := verifier.Verify(ctx, tok.Extra("id_token").(string))
		require.NoError(t, err)
		time.Sleep(1100 * time.Millisecond) // iat has whole seconds
		fresh, err := cfg.TokenSource(ctx, expired(tok)).Token()
		require.NoError(t, err)
		raw, _ := fresh.Extra("id_token").(string)
		require.NotEmpty(t, raw, "refresh response without id_token")
		second, err := verifier.Verify(ctx, raw)
		require.NoError(t, err)
		require.NoError(t, second.VerifyAccessToken(fresh.AccessToken), "at_hash of the new access token")

		require.Equal(t, first.Subject, second.Subject)
		require.Equal(t, authTime(t, first), authTime(t, second))
		require.True(t, second.IssuedAt.After(first.IssuedAt), "new iat")
		require.True(t, second.Expiry.After(first.Expiry), "new exp")
		if second.Nonce != "" {
			require.Equal(t, first.Nonce, second.Nonce)
		}
	}, migrations...)
}

// Without scope openid a refresh gives no ID token.
func TestRefreshWithoutOpenIDHasNoIDToken(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(func(c *idp.Client) { c.Scopes = []string{"offline_access"} })
		cfg := e.oauth2Config(c, secret)
		cfg.Scopes = []string{oidc.ScopeOfflineAccess}
		verifier := oauth2.GenerateVerifier()
		loc := e.authorize(e.browser(), cfg.AuthCodeURL("st4te-Xq9vLm2p", oauth2.S256ChallengeOption(verifier)))
		tok, err := cfg.Exchange(context.Background(), loc.Query().Get("code"), oauth2.VerifierOption(verifier))
		require.NoError(t, err)
		require.NotEmpty(t, tok.RefreshToken)
		fresh, err := cfg.TokenSource(context.Background(), expired(tok)).Token()
		require.NoError(t, err)
		require.Nil(t, fresh.Extra("id_token"))
	}, migrations...)
}

func authTime(t *testing.T, idt *oidc.IDToken) int64 {
	var c struct {
		AuthTime int64 `json:"auth_time"`
	}
	require.NoError(t, idt.Claims(&c))
	require.NotZero(t, c.AuthTime)
	return c.AuthTime
}
