package idp_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"

	"mvnk/idp"
)

// webClient is a valid confidential web client after ApplyDefaults.
func webClient() *idp.Client {
	_, hash := idp.GenerateSecret()
	c := &idp.Client{
		Name: "Antragsdienst", Owner: "Ministerium für Inneres",
		RedirectURIs: []string{"https://antrag.mv.example/callback"},
		GrantTypes:   []string{"authorization_code", "refresh_token"},
		RequirePKCE:  true, SecretHash: hash,
	}
	c.ApplyDefaults()
	return c
}

func TestApplyDefaults(t *testing.T) {
	c := webClient()
	require.Equal(t, idp.AuthSecretBasic, c.AuthMethod)
	require.Equal(t, idp.TokenJWT, c.AccessTokenFormat)
	require.Equal(t, 10*time.Minute, c.AccessTokenLifetime)
	require.Equal(t, 30*24*time.Hour, c.RefreshTokenLifetime)
	require.Equal(t, 10*time.Minute, c.IDTokenLifetime)
	require.Equal(t, idp.SubjectPairwise, c.SubjectType, "third parties get pairwise subjects")
	require.Equal(t, "antrag.mv.example", c.SectorIdentifier)
	require.Equal(t, []string{"openid"}, c.Scopes)
	require.NoError(t, c.Validate())

	first := &idp.Client{Name: "Portal", FirstParty: true, Public: true, RequirePKCE: true,
		RedirectURIs: []string{"https://mv.example/cb"}}
	first.ApplyDefaults()
	require.Equal(t, idp.SubjectPublic, first.SubjectType)
	require.Equal(t, idp.AuthNone, first.AuthMethod)
	require.NoError(t, first.Validate())
}

func TestValidateAcceptsNativeAndMachineClients(t *testing.T) {
	native := &idp.Client{Name: "App", Public: true, RequirePKCE: true, RedirectURIs: []string{
		"de.mv.app:/callback", "http://127.0.0.1/cb", "http://[::1]:8080/cb", "http://localhost/cb",
	}, SectorIdentifier: "app.mv.example"}
	native.ApplyDefaults()
	require.NoError(t, native.Validate())

	machine := &idp.Client{Name: "Fachverfahren", GrantTypes: []string{"client_credentials"},
		AuthMethod: idp.AuthPrivateKeyJWT, JWKSURI: "https://fv.example/jwks.json", Scopes: []string{"postfach.send"}}
	machine.ApplyDefaults()
	require.NoError(t, machine.Validate())
}

func TestValidateRejects(t *testing.T) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	cases := []struct {
		name, field, msg string
		edit             func(c *idp.Client)
	}{
		{"no name", "client_name", "Name", func(c *idp.Client) { c.Name = " " }},
		{"relative redirect", "redirect_uris[0]", "absolute", func(c *idp.Client) { c.RedirectURIs = []string{"/cb"} }},
		{"fragment", "redirect_uris[0]", "Fragment", func(c *idp.Client) { c.RedirectURIs = []string{"https://a.example/cb#x"} }},
		{"wildcard", "redirect_uris[0]", "Platzhalter", func(c *idp.Client) { c.RedirectURIs = []string{"https://*.a.example/cb"} }},
		{"plain http", "redirect_uris[0]", "Loopback", func(c *idp.Client) { c.RedirectURIs = []string{"http://a.example/cb"} }},
		{"custom scheme confidential", "redirect_uris[0]", "native", func(c *idp.Client) { c.RedirectURIs = []string{"de.mv.app:/cb"} }},
		{"userinfo", "redirect_uris[0]", "Benutzerangaben", func(c *idp.Client) { c.RedirectURIs = []string{"https://u@a.example/cb"} }},
		{"duplicate redirect", "redirect_uris[1]", "doppelt", func(c *idp.Client) {
			c.RedirectURIs = []string{"https://a.example/cb", "https://a.example/cb"}
		}},
		{"post logout http", "post_logout_redirect_uris[0]", "Loopback", func(c *idp.Client) { c.PostLogoutRedirectURIs = []string{"http://a.example/"} }},
		{"backchannel http", "backchannel_logout_uri", "Loopback", func(c *idp.Client) { c.BackchannelLogoutURI = "http://a.example/bcl" }},
		{"unknown grant", "grant_types[0]", "implicit", func(c *idp.Client) { c.GrantTypes = []string{"implicit"} }},
		{"code without redirect", "redirect_uris", "mindestens eine", func(c *idp.Client) { c.RedirectURIs = nil }},
		{"refresh alone", "grant_types", "setzt authorization_code voraus", func(c *idp.Client) { c.GrantTypes = []string{"refresh_token"} }},
		{"public with secret method", "token_endpoint_auth_method", "none", func(c *idp.Client) { c.Public = true }},
		{"public client credentials", "grant_types", "client_credentials", func(c *idp.Client) {
			c.Public, c.AuthMethod, c.GrantTypes = true, idp.AuthNone, []string{"client_credentials"}
		}},
		{"public without pkce", "require_pkce", "PKCE", func(c *idp.Client) { c.Public, c.AuthMethod, c.RequirePKCE = true, idp.AuthNone, false }},
		{"confidential none", "token_endpoint_auth_method", "öffentliche", func(c *idp.Client) { c.AuthMethod = idp.AuthNone }},
		{"unknown auth", "token_endpoint_auth_method", "tls_client_auth", func(c *idp.Client) { c.AuthMethod = "tls_client_auth" }},
		{"secret method without secret", "client_secret", "Secret", func(c *idp.Client) { c.SecretHash = "" }},
		{"private_key_jwt without keys", "jwks", "jwks_uri", func(c *idp.Client) { c.AuthMethod = idp.AuthPrivateKeyJWT }},
		{"jwks_uri http", "jwks_uri", "https", func(c *idp.Client) { c.AuthMethod, c.JWKSURI = idp.AuthPrivateKeyJWT, "http://localhost/jwks" }},
		{"private key in jwks", "jwks.keys[0]", "privat", func(c *idp.Client) {
			c.AuthMethod = idp.AuthPrivateKeyJWT
			c.JWKS = &jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: priv, KeyID: "k", Algorithm: "ES256"}}}
		}},
		{"jwks and jwks_uri", "jwks_uri", "schließen sich aus", func(c *idp.Client) {
			c.JWKSURI = "https://a.example/jwks"
			c.JWKS = &jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: priv.Public(), KeyID: "k", Algorithm: "ES256"}}}
		}},
		{"token format", "access_token_format", "opaque", func(c *idp.Client) { c.AccessTokenFormat = "paseto" }},
		{"access lifetime", "access_token_lifetime", "3600", func(c *idp.Client) { c.AccessTokenLifetime = 2 * time.Hour }},
		{"refresh lifetime", "refresh_token_lifetime", "höchstens", func(c *idp.Client) { c.RefreshTokenLifetime = 91 * 24 * time.Hour }},
		{"negative id lifetime", "id_token_lifetime", "größer als 0", func(c *idp.Client) { c.IDTokenLifetime = -time.Second }},
		{"subject type", "subject_type", "pairwise", func(c *idp.Client) { c.SubjectType = "random" }},
		{"pairwise on two hosts", "sector_identifier", "§8.1", func(c *idp.Client) {
			c.SectorIdentifier = ""
			c.RedirectURIs = []string{"https://a.example/cb", "https://b.example/cb"}
		}},
		{"sector with scheme", "sector_identifier", "Hostname", func(c *idp.Client) { c.SectorIdentifier = "https://a.example" }},
		{"trust level", "min_trust_level", "zwischen 0 und 4", func(c *idp.Client) { c.MinTrustLevel = 5 }},
		{"bad scope", "scopes[0]", "RFC 6749 §3.3", func(c *idp.Client) { c.Scopes = []string{"open id"} }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := webClient()
			tc.edit(c)
			requireFieldError(t, c.Validate(), tc.field, tc.msg)
		})
	}
}

func requireFieldError(t *testing.T, err error, field, msg string) {
	t.Helper()
	var ve *idp.ValidationError
	require.True(t, errors.As(err, &ve), "want a ValidationError, got %v", err)
	for _, f := range ve.Fields {
		if f.Field == field && strings.Contains(f.Detail, msg) {
			return
		}
	}
	t.Fatalf("no error on %s containing %q in: %v", field, msg, err)
}

// Two hosts are fine once the sector is given (OIDC Core §8.1).
func TestExplicitSectorAllowsSeveralHosts(t *testing.T) {
	c := webClient()
	c.RedirectURIs = []string{"https://a.example/cb", "https://b.example/cb"}
	c.SectorIdentifier = "dienst.mv.example"
	require.NoError(t, c.Validate())
	c.SubjectType = idp.SubjectPublic
	c.SectorIdentifier = ""
	require.NoError(t, c.Validate(), "public subjects need no sector")
}
