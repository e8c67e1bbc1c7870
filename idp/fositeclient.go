package idp

import (
	"encoding/json"
	"time"

	josev3 "github.com/go-jose/go-jose/v3"
	"github.com/ory/fosite"
)

// fositeClient shows a Client to fosite. Only the code flow exists here:
// response type "code", response modes query and form_post.
type fositeClient struct{ *Client }

var (
	_ fosite.OpenIDConnectClient            = fositeClient{}
	_ fosite.ResponseModeClient             = fositeClient{}
	_ fosite.ClientWithCustomTokenLifespans = fositeClient{}
)

func (c fositeClient) GetID() string                   { return c.ID }
func (c fositeClient) GetHashedSecret() []byte         { return []byte(c.SecretHash) }
func (c fositeClient) GetRedirectURIs() []string       { return c.RedirectURIs }
func (c fositeClient) GetGrantTypes() fosite.Arguments { return c.GrantTypes }
func (c fositeClient) GetResponseTypes() fosite.Arguments {
	return fosite.Arguments{"code"}
}
func (c fositeClient) GetScopes() fosite.Arguments   { return c.Scopes }
func (c fositeClient) IsPublic() bool                { return c.Public }
func (c fositeClient) GetAudience() fosite.Arguments { return c.Audience }
func (c fositeClient) GetRequestURIs() []string      { return nil }
func (c fositeClient) GetJSONWebKeysURI() string     { return c.JWKSURI }

// GetRequestObjectSigningAlgorithm pins request objects to a signed alg,
// so fosite never accepts alg none (idp-anchors §4.4 pitfall 6).
func (c fositeClient) GetRequestObjectSigningAlgorithm() string { return "ES256" }

func (c fositeClient) GetTokenEndpointAuthMethod() string { return c.AuthMethod }

func (c fositeClient) GetTokenEndpointAuthSigningAlgorithm() string { return "ES256" }

func (c fositeClient) GetResponseModes() []fosite.ResponseModeType {
	return []fosite.ResponseModeType{fosite.ResponseModeDefault, fosite.ResponseModeQuery, fosite.ResponseModeFormPost}
}

// GetJSONWebKeys converts the client's go-jose v4 key set to the v3 type
// fosite's API speaks, by a JSON round trip.
func (c fositeClient) GetJSONWebKeys() *josev3.JSONWebKeySet {
	if c.JWKS == nil {
		return nil
	}
	raw, err := json.Marshal(c.JWKS)
	if err != nil {
		return nil
	}
	var set josev3.JSONWebKeySet
	if json.Unmarshal(raw, &set) != nil {
		return nil
	}
	return &set
}

// GetEffectiveLifespan applies the client's own token lifetimes.
func (c fositeClient) GetEffectiveLifespan(_ fosite.GrantType, tt fosite.TokenType, fallback time.Duration) time.Duration {
	var d time.Duration
	switch tt {
	case fosite.AccessToken:
		d = c.AccessTokenLifetime
	case fosite.RefreshToken:
		d = c.RefreshTokenLifetime
	case fosite.IDToken:
		d = c.IDTokenLifetime
	}
	if d > 0 {
		return d
	}
	return fallback
}

// requiresPKCE: PKCE is mandatory except for confidential clients that
// were registered without it (RFC 9700 §2.1.1).
func (c *Client) requiresPKCE() bool { return c.Public || c.RequirePKCE }

// jwtAccessTokens reports the access token format (RFC 9068 by default).
func (c *Client) jwtAccessTokens() bool { return c.AccessTokenFormat != TokenOpaque }
