package idp

import (
	"slices"
	"time"
)

// Grant types a client may be registered for (RFC 6749 §4.1, §6, §4.4).
const (
	GrantAuthorizationCode = "authorization_code"
	GrantRefreshToken      = "refresh_token"
	GrantClientCredentials = "client_credentials"
)

// Token lifetimes: defaults, and the maxima a client may ask for. Short
// access tokens keep a stolen bearer token's value low (RFC 9700 §4.10).
const (
	DefaultAccessTokenLifetime  = 10 * time.Minute
	MaxAccessTokenLifetime      = time.Hour
	DefaultRefreshTokenLifetime = 30 * 24 * time.Hour
	MaxRefreshTokenLifetime     = 90 * 24 * time.Hour
	DefaultIDTokenLifetime      = 10 * time.Minute
	MaxIDTokenLifetime          = time.Hour
)

// MaxTrustLevel is the highest MinTrustLevel (4 = hoch).
const MaxTrustLevel = 4

// ApplyDefaults fills every unset field with its default. It never
// overrides a value that was set, so Validate still sees contradictions
// (a public client with PKCE switched off is an error, not a silent fix).
func (c *Client) ApplyDefaults() {
	if c.AuthMethod == "" {
		c.AuthMethod = AuthSecretBasic
		if c.Public {
			c.AuthMethod = AuthNone
		}
	}
	if len(c.GrantTypes) == 0 {
		c.GrantTypes = []string{GrantAuthorizationCode}
	}
	if len(c.Scopes) == 0 && slices.Contains(c.GrantTypes, GrantAuthorizationCode) {
		c.Scopes = []string{"openid"}
	}
	if c.AccessTokenFormat == "" {
		c.AccessTokenFormat = TokenJWT
	}
	orDefault(&c.AccessTokenLifetime, DefaultAccessTokenLifetime)
	orDefault(&c.RefreshTokenLifetime, DefaultRefreshTokenLifetime)
	orDefault(&c.IDTokenLifetime, DefaultIDTokenLifetime)
	c.applySubjectDefaults()
}

// applySubjectDefaults: third parties get pairwise subjects so two
// services cannot correlate a citizen by `sub` (OIDC Core §8.1); the
// sector is the one host all redirect URIs share.
func (c *Client) applySubjectDefaults() {
	if c.SubjectType == "" {
		c.SubjectType = SubjectPairwise
		if c.FirstParty {
			c.SubjectType = SubjectPublic
		}
	}
	if c.SubjectType == SubjectPairwise && c.SectorIdentifier == "" {
		if hosts := redirectHosts(c.RedirectURIs); len(hosts) == 1 {
			c.SectorIdentifier = hosts[0]
		}
	}
}

func orDefault(d *time.Duration, def time.Duration) {
	if *d == 0 {
		*d = def
	}
}

// NeedsSecret reports whether the client authenticates with a shared
// secret (RFC 6749 §2.3.1).
func (c *Client) NeedsSecret() bool {
	return c.AuthMethod == AuthSecretBasic || c.AuthMethod == AuthSecretPost
}

// syncSecret gives a client that needs a secret and has none a new one,
// returned in plain text for showing once, and drops the hash of a client
// that no longer authenticates with a secret.
func (c *Client) syncSecret() (plain string) {
	switch {
	case !c.NeedsSecret():
		c.SecretHash = ""
	case c.SecretHash == "":
		plain, c.SecretHash = GenerateSecret()
	}
	return plain
}
