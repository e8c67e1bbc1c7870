package idp

import (
	"time"

	"github.com/go-jose/go-jose/v4"
)

// ClientResource is a client as the admin API and `mvnk client --json`
// show it. The secret hash never leaves the server; the plain secret
// appears once, in the answer to create or rotate.
type ClientResource struct {
	ID                     string              `json:"client_id"`
	Secret                 string              `json:"client_secret,omitempty"`
	Name                   string              `json:"client_name"`
	Owner                  string              `json:"owner"`
	RedirectURIs           []string            `json:"redirect_uris"`
	PostLogoutRedirectURIs []string            `json:"post_logout_redirect_uris"`
	BackchannelLogoutURI   string              `json:"backchannel_logout_uri"`
	GrantTypes             []string            `json:"grant_types"`
	Scopes                 []string            `json:"scopes"`
	Audience               []string            `json:"audience"`
	AuthMethod             string              `json:"token_endpoint_auth_method"`
	JWKS                   *jose.JSONWebKeySet `json:"jwks,omitempty"`
	JWKSURI                string              `json:"jwks_uri"`
	Public                 bool                `json:"public"`
	RequirePKCE            bool                `json:"require_pkce"`
	RequirePAR             bool                `json:"require_pushed_authorization_requests"`
	AccessTokenFormat      string              `json:"access_token_format"`
	AccessTokenLifetime    int64               `json:"access_token_lifetime"`
	RefreshTokenLifetime   int64               `json:"refresh_token_lifetime"`
	IDTokenLifetime        int64               `json:"id_token_lifetime"`
	FirstParty             bool                `json:"first_party"`
	SubjectType            string              `json:"subject_type"`
	SectorIdentifier       string              `json:"sector_identifier"`
	MinTrustLevel          int                 `json:"min_trust_level"`
	Staff                  bool                `json:"staff"`
	Description            string              `json:"description"`
	PolicyURI              string              `json:"policy_uri"`
	EIDIdentifiers         bool                `json:"eid_identifiers"`
	PostfachSenders        []string            `json:"postfach_senders"`
	CreatedAt              time.Time           `json:"created_at"`
	UpdatedAt              time.Time           `json:"updated_at"`
}

// Resource shows c; secret is the plain secret to show once, or "".
func (c *Client) Resource(secret string) ClientResource {
	return ClientResource{
		ID: c.ID, Secret: secret, Name: c.Name, Owner: c.Owner,
		RedirectURIs:           nonNil(c.RedirectURIs),
		PostLogoutRedirectURIs: nonNil(c.PostLogoutRedirectURIs),
		BackchannelLogoutURI:   c.BackchannelLogoutURI,
		GrantTypes:             nonNil(c.GrantTypes),
		Scopes:                 nonNil(c.Scopes),
		Audience:               nonNil(c.Audience),
		AuthMethod:             c.AuthMethod, JWKS: c.JWKS, JWKSURI: c.JWKSURI,
		Public: c.Public, RequirePKCE: c.RequirePKCE, RequirePAR: c.RequirePAR,
		AccessTokenFormat:    c.AccessTokenFormat,
		AccessTokenLifetime:  int64(c.AccessTokenLifetime / time.Second),
		RefreshTokenLifetime: int64(c.RefreshTokenLifetime / time.Second),
		IDTokenLifetime:      int64(c.IDTokenLifetime / time.Second),
		FirstParty:           c.FirstParty, SubjectType: c.SubjectType,
		SectorIdentifier: c.SectorIdentifier, MinTrustLevel: c.MinTrustLevel,
		Staff: c.Staff, Description: c.Description, PolicyURI: c.PolicyURI,
		EIDIdentifiers: c.EIDIdentifiers, PostfachSenders: nonNil(c.PostfachSenders),
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
	}
}

// nonNil makes an empty list show as [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
