package idp

import (
	"time"

	"github.com/go-jose/go-jose/v4"
)

// Token endpoint authentication methods (OIDC Core §9, RFC 7523).
const (
	AuthSecretBasic   = "client_secret_basic"
	AuthSecretPost    = "client_secret_post"
	AuthPrivateKeyJWT = "private_key_jwt"
	AuthNone          = "none"
)

// Access token formats.
const (
	TokenJWT    = "jwt"    // RFC 9068, typ at+jwt (default)
	TokenOpaque = "opaque" // random handle, checked by introspection
)

// Subject types (OIDC Core §8).
const (
	SubjectPairwise = "pairwise" // default for third parties
	SubjectPublic   = "public"
)

// Client is a registered relying party or API client.
type Client struct {
	ID    string
	Name  string
	Owner string // the Behörde responsible for the client
	// Description says in plain German what the service does and why it
	// asks for data; the consent page shows it (OIDC Registration §2 has
	// no such field; policy_uri is RFC 7591 §2).
	Description string
	PolicyURI   string // the service's Datenschutzerklärung

	// SecretHash is the hash of the generated secret (see HashSecret);
	// empty for public clients and private_key_jwt clients.
	SecretHash string

	RedirectURIs           []string // exact match, no wildcards
	PostLogoutRedirectURIs []string
	BackchannelLogoutURI   string
	GrantTypes             []string // authorization_code, refresh_token, client_credentials
	Scopes                 []string
	Audience               []string

	AuthMethod string              // one of the Auth* constants
	JWKS       *jose.JSONWebKeySet // private_key_jwt / request objects: keys by value
	JWKSURI    string              // … or by reference

	Public      bool // no secret; PKCE mandatory
	RequirePKCE bool // always true for public clients
	RequirePAR  bool

	AccessTokenFormat    string // TokenJWT or TokenOpaque
	AccessTokenLifetime  time.Duration
	RefreshTokenLifetime time.Duration
	IDTokenLifetime      time.Duration

	FirstParty       bool   // no consent screen
	Staff            bool   // for case workers: staff accounts only (account.MayUseClient)
	SubjectType      string // SubjectPairwise or SubjectPublic
	SectorIdentifier string // pairwise sector; default: host of the redirect URIs
	MinTrustLevel    int    // 0 none … 4 hoch; no request can lower it
	// EIDIdentifiers: the client is registered to need the sector-specific
	// identifiers restricted_id and bpk2 (egov-standards §2.4); no other
	// client ever gets them (claims_sector.go).
	EIDIdentifiers bool
	// PostfachSenders are the Behörden the client may send Postfach
	// messages as; empty means its Owner only (PostfachSenderNames).
	PostfachSenders []string

	CreatedAt time.Time
	UpdatedAt time.Time
}
