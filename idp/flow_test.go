package idp_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/idp"
	"mvnk/keys"
	"mvnk/portal"
	"mvnk/store"
	"mvnk/store/storetest"
)

var migrations = []store.Migrations{keys.Migrations, portal.Migrations, idp.Migrations}

// The code flow end to end with real client libraries: go-oidc discovers
// the provider, verifies the ID token against the JWKS and calls
// UserInfo; x/oauth2 runs PKCE, the exchange and the refresh.
func TestCodeFlowWithClientLibraries(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		e.mountJWKS()
		ctx := context.Background()
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)

		provider, err := oidc.NewProvider(ctx, e.srv.URL)
		require.NoError(t, err, "discovery with exact issuer")
		cfg.Endpoint = provider.Endpoint()
		cfg.Endpoint.AuthStyle = oauth2.AuthStyleInHeader

		before := idp.TokenWrites(e.p)
		tok := e.login(cfg, oauth2.SetAuthURLParam("acr_values", "STORK-QAA-Level-3"), oauth2.SetAuthURLParam("max_age", "600"))
		require.Equal(t, int64(4), idp.TokenWrites(e.p)-before, "a login costs 4 token writes: code, code used, access, refresh")
		require.Equal(t, int32(1), e.auth.logins.Load())
		req := e.auth.last.Load()
		require.Equal(t, []string{"STORK-QAA-Level-3"}, req.ACRValues)
		require.Equal(t, 10*time.Minute, *req.MaxAge)

		raw, _ := tok.Extra("id_token").(string)
		idt, err := provider.Verifier(&oidc.Config{ClientID: c.ID}).Verify(ctx, raw)
		require.NoError(t, err)
		require.NoError(t, idt.VerifyAccessToken(tok.AccessToken), "at_hash")
		require.Equal(t, "n-0S6_WzA2Mj", idt.Nonce)
		require.NotEqual(t, "buerger-4711", idt.Subject, "pairwise subject")
		var claims struct {
			ACR      string   `json:"acr"`
			AMR      []string `json:"amr"`
			SID      string   `json:"sid"`
			AuthTime int64    `json:"auth_time"`
		}
		require.NoError(t, idt.Claims(&claims))
		require.Equal(t, "STORK-QAA-Level-3", claims.ACR)
		require.Equal(t, []string{"pwd", "otp"}, claims.AMR)
		require.True(t, strings.HasPrefix(claims.SID, "sid-"))
		require.NotZero(t, claims.AuthTime)

		info, err := provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
		require.NoError(t, err)
		require.Equal(t, idt.Subject, info.Subject)

		at := requireJWTAccessToken(t, tok.AccessToken, e.srv.URL, c.ID, idt.Subject)
		requireStoredSafely(t, db, at["jti"].(string), tok)

		// Refresh rotates the refresh token (RFC 9700 §4.14.2).
		tok.Expiry = time.Now().Add(-time.Minute)
		fresh, err := cfg.TokenSource(ctx, tok).Token()
		require.NoError(t, err)
		require.NotEqual(t, tok.RefreshToken, fresh.RefreshToken)
		require.Equal(t, http.StatusOK, e.userinfo(fresh.AccessToken).StatusCode)
	}, migrations...)
}

// requireJWTAccessToken checks the RFC 9068 shape of an access token.
func requireJWTAccessToken(t *testing.T, token, issuer, clientID, sub string) map[string]any {
	return requireJWTClaims(t, token, map[string]any{
		"iss": issuer, "client_id": clientID, "sub": sub, "scope": "openid offline_access",
	})
}

// requireJWTClaims checks typ at+jwt, the RFC 9068 §2.2 claims, and want.
func requireJWTClaims(t *testing.T, token string, want map[string]any) map[string]any {
	jws, err := jose.ParseSignedCompact(token, []jose.SignatureAlgorithm{jose.ES256, jose.RS256})
	require.NoError(t, err)
	require.Equal(t, "at+jwt", jws.Signatures[0].Protected.ExtraHeaders["typ"])
	var c map[string]any
	require.NoError(t, json.Unmarshal(jws.UnsafePayloadWithoutVerification(), &c))
	for _, claim := range []string{"iss", "sub", "aud", "exp", "iat", "jti", "client_id", "scope"} {
		require.Contains(t, c, claim)
	}
	for k, v := range want {
		require.Equal(t, v, c[k], k)
	}
	return c
}

// requireStoredSafely: the access token's jti is recorded; no token, token
// signature or nonce appears in the table, and the session is sealed.
func requireStoredSafely(t *testing.T, db *store.DB, jti string, tok *oauth2.Token) {
	var n int
	require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM idp_tokens WHERE kind = 'access' AND jti = $1`, jti).Scan(&n))
	require.Equal(t, 1, n)
	rows, err := db.Query(`SELECT id, data FROM idp_tokens`)
	require.NoError(t, err)
	defer rows.Close()
	sig := func(token string) string { return token[strings.LastIndex(token, ".")+1:] }
	for rows.Next() {
		var id, data string
		require.NoError(t, rows.Scan(&id, &data))
		for _, secret := range []string{sig(tok.AccessToken), sig(tok.RefreshToken), "n-0S6_WzA2Mj", "buerger-4711", "openid"} {
			require.NotContains(t, id+data, secret)
		}
	}
	require.NoError(t, rows.Err())
}
