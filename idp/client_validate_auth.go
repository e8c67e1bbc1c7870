package idp

import (
	"fmt"
	"slices"
	"time"
)

func (c *Client) validateGrants(v *ValidationError) {
	if len(c.GrantTypes) == 0 {
		v.add("grant_types", "mindestens ein Grant-Typ ist nötig")
	}
	for i, g := range c.GrantTypes {
		switch g {
		case GrantAuthorizationCode, GrantRefreshToken, GrantClientCredentials:
		default:
			v.add(fmt.Sprintf("grant_types[%d]", i),
				"unbekannter Grant-Typ %q; erlaubt: authorization_code, refresh_token, client_credentials", g)
		}
	}
	checkUnique(v, "grant_types", c.GrantTypes)
	code := slices.Contains(c.GrantTypes, GrantAuthorizationCode)
	if code && len(c.RedirectURIs) == 0 {
		v.add("redirect_uris", "authorization_code braucht mindestens eine Redirect-URI (RFC 6749 §3.1.2.2)")
	}
	if !code && slices.Contains(c.GrantTypes, GrantRefreshToken) {
		v.add("grant_types", "refresh_token setzt authorization_code voraus")
	}
	if c.Public && slices.Contains(c.GrantTypes, GrantClientCredentials) {
		v.add("grant_types", "öffentliche Clients können sich nicht authentisieren und dürfen client_credentials nicht nutzen (RFC 6749 §4.4)")
	}
}

func (c *Client) validateAuth(v *ValidationError) {
	switch c.AuthMethod {
	case AuthSecretBasic, AuthSecretPost, AuthPrivateKeyJWT:
		if c.Public {
			v.add("token_endpoint_auth_method", "öffentliche Clients nutzen „none“")
		}
	case AuthNone:
		if !c.Public {
			v.add("token_endpoint_auth_method", "„none“ nur für öffentliche Clients; vertrauliche Clients nutzen client_secret_basic, client_secret_post oder private_key_jwt")
		}
	default:
		v.add("token_endpoint_auth_method", "unbekannte Methode %q; erlaubt: client_secret_basic, client_secret_post, private_key_jwt, none", c.AuthMethod)
	}
	// RFC 9700 §2.1.1: public clients must use PKCE.
	if c.Public && !c.RequirePKCE {
		v.add("require_pkce", "öffentliche Clients müssen PKCE verwenden (RFC 9700 §2.1.1)")
	}
	if c.NeedsSecret() && c.SecretHash == "" {
		v.add("client_secret", "%s braucht ein Secret", c.AuthMethod)
	}
	c.validateKeys(v)
}

// validateKeys: private_key_jwt (RFC 7523 §2.2) needs the client's public
// keys, by value or by reference, never both (OIDC Registration §2).
func (c *Client) validateKeys(v *ValidationError) {
	hasJWKS := c.JWKS != nil && len(c.JWKS.Keys) > 0
	if c.AuthMethod == AuthPrivateKeyJWT && !hasJWKS && c.JWKSURI == "" {
		v.add("jwks", "private_key_jwt braucht jwks oder jwks_uri")
	}
	if hasJWKS && c.JWKSURI != "" {
		v.add("jwks_uri", "jwks und jwks_uri schließen sich aus")
	}
	if c.JWKSURI != "" {
		if msg := checkWebURI(c.JWKSURI, false); msg != "" {
			v.add("jwks_uri", "%s", msg)
		}
	}
	if !hasJWKS {
		return
	}
	for i, k := range c.JWKS.Keys {
		if !k.Valid() || !k.IsPublic() {
			v.add(fmt.Sprintf("jwks.keys[%d]", i), "nur gültige öffentliche Schlüssel; ein privater Schlüssel gehört nicht hierher")
		}
	}
}

func (c *Client) validateTokens(v *ValidationError) {
	if c.AccessTokenFormat != TokenJWT && c.AccessTokenFormat != TokenOpaque {
		v.add("access_token_format", "%q ist kein Format; erlaubt: jwt, opaque", c.AccessTokenFormat)
	}
	checkLifetime(v, "access_token_lifetime", c.AccessTokenLifetime, MaxAccessTokenLifetime)
	checkLifetime(v, "refresh_token_lifetime", c.RefreshTokenLifetime, MaxRefreshTokenLifetime)
	checkLifetime(v, "id_token_lifetime", c.IDTokenLifetime, MaxIDTokenLifetime)
}

func checkLifetime(v *ValidationError, field string, d, maxD time.Duration) {
	if d <= 0 || d > maxD {
		v.add(field, "muss größer als 0 und höchstens %d Sekunden (%s) sein", int64(maxD/time.Second), maxD)
	}
}

func (c *Client) validateSubject(v *ValidationError) {
	switch c.SubjectType {
	case SubjectPublic:
		return
	case SubjectPairwise:
	default:
		v.add("subject_type", "%q ist kein Subject-Typ; erlaubt: pairwise, public", c.SubjectType)
		return
	}
	if c.SectorIdentifier != "" {
		if !validHost(c.SectorIdentifier) {
			v.add("sector_identifier", "ein Hostname ohne Schema und Pfad, z. B. dienst.mv.de")
		}
		return
	}
	// OIDC Core §8.1: redirect URIs on several hosts need a sector.
	if hosts := redirectHosts(c.RedirectURIs); len(hosts) > 1 {
		v.add("sector_identifier", "Redirect-URIs auf mehreren Hosts (%v) brauchen bei pairwise einen sector_identifier (OIDC Core §8.1)", hosts)
	}
}
