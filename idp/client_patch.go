package idp

import (
	"time"

	"github.com/go-jose/go-jose/v4"
)

// ClientPatch is the writable metadata of a client as the admin API and
// `mvnk client` take it. A nil field is left as it is; so the same type
// serves create (on an empty client), PATCH and PUT. Names follow the
// client metadata of RFC 7591 §2 and OIDC Registration §2 where they exist;
// lifetimes are seconds, 0 means the default.
type ClientPatch struct {
	Name                   *string             `json:"client_name,omitempty"`
	Owner                  *string             `json:"owner,omitempty"`
	RedirectURIs           *[]string           `json:"redirect_uris,omitempty"`
	PostLogoutRedirectURIs *[]string           `json:"post_logout_redirect_uris,omitempty"`
	BackchannelLogoutURI   *string             `json:"backchannel_logout_uri,omitempty"`
	GrantTypes             *[]string           `json:"grant_types,omitempty"`
	Scopes                 *[]string           `json:"scopes,omitempty"`
	Audience               *[]string           `json:"audience,omitempty"`
	AuthMethod             *string             `json:"token_endpoint_auth_method,omitempty"`
	JWKS                   *jose.JSONWebKeySet `json:"jwks,omitempty"`
	JWKSURI                *string             `json:"jwks_uri,omitempty"`
	Public                 *bool               `json:"public,omitempty"`
	RequirePKCE            *bool               `json:"require_pkce,omitempty"`
	RequirePAR             *bool               `json:"require_pushed_authorization_requests,omitempty"`
	AccessTokenFormat      *string             `json:"access_token_format,omitempty"`
	AccessTokenLifetime    *int64              `json:"access_token_lifetime,omitempty"`
	RefreshTokenLifetime   *int64              `json:"refresh_token_lifetime,omitempty"`
	IDTokenLifetime        *int64              `json:"id_token_lifetime,omitempty"`
	FirstParty             *bool               `json:"first_party,omitempty"`
	SubjectType            *string             `json:"subject_type,omitempty"`
	SectorIdentifier       *string             `json:"sector_identifier,omitempty"`
	MinTrustLevel          *int                `json:"min_trust_level,omitempty"`
	Staff                  *bool               `json:"staff,omitempty"`
	Description            *string             `json:"description,omitempty"`
	PolicyURI              *string             `json:"policy_uri,omitempty"`
	EIDIdentifiers         *bool               `json:"eid_identifiers,omitempty"`
	PostfachSenders        *[]string           `json:"postfach_senders,omitempty"`
}

// Apply copies every set field of p onto c.
func (p *ClientPatch) Apply(c *Client) {
	set(&c.Name, p.Name)
	set(&c.Owner, p.Owner)
	setList(&c.RedirectURIs, p.RedirectURIs)
	setList(&c.PostLogoutRedirectURIs, p.PostLogoutRedirectURIs)
	set(&c.BackchannelLogoutURI, p.BackchannelLogoutURI)
	setList(&c.GrantTypes, p.GrantTypes)
	setList(&c.Scopes, p.Scopes)
	setList(&c.Audience, p.Audience)
	set(&c.AuthMethod, p.AuthMethod)
	if p.JWKS != nil {
		c.JWKS = p.JWKS
		if len(p.JWKS.Keys) == 0 { // {"keys": []} removes the set
			c.JWKS = nil
		}
	}
	set(&c.JWKSURI, p.JWKSURI)
	set(&c.Public, p.Public)
	set(&c.RequirePKCE, p.RequirePKCE)
	set(&c.RequirePAR, p.RequirePAR)
	set(&c.AccessTokenFormat, p.AccessTokenFormat)
	setSeconds(&c.AccessTokenLifetime, p.AccessTokenLifetime)
	setSeconds(&c.RefreshTokenLifetime, p.RefreshTokenLifetime)
	setSeconds(&c.IDTokenLifetime, p.IDTokenLifetime)
	set(&c.FirstParty, p.FirstParty)
	set(&c.SubjectType, p.SubjectType)
	set(&c.SectorIdentifier, p.SectorIdentifier)
	set(&c.MinTrustLevel, p.MinTrustLevel)
	set(&c.Staff, p.Staff)
	set(&c.Description, p.Description)
	set(&c.PolicyURI, p.PolicyURI)
	set(&c.EIDIdentifiers, p.EIDIdentifiers)
	setList(&c.PostfachSenders, p.PostfachSenders)
}

func set[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

func setList(dst *[]string, src *[]string) {
	if src != nil {
		*dst = append([]string(nil), *src...)
	}
}

func setSeconds(dst *time.Duration, src *int64) {
	if src != nil {
		*dst = time.Duration(*src) * time.Second
	}
}
