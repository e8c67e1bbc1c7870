package idp

import (
	"encoding/json"
	"net/http"

	"mvnk/eid/trust"
)

// metadata is the provider metadata: OIDC Discovery §3 and RFC 8414 §2
// share one document (RFC 8414 §5).
type metadata struct {
	Issuer                           string   `json:"issuer"`
	AuthorizationEndpoint            string   `json:"authorization_endpoint"`
	TokenEndpoint                    string   `json:"token_endpoint"`
	UserinfoEndpoint                 string   `json:"userinfo_endpoint"`
	JWKSURI                          string   `json:"jwks_uri"`
	RevocationEndpoint               string   `json:"revocation_endpoint"`
	IntrospectionEndpoint            string   `json:"introspection_endpoint"`
	PAREndpoint                      string   `json:"pushed_authorization_request_endpoint"`
	RequirePAR                       bool     `json:"require_pushed_authorization_requests"`
	RequestObjectSigningAlgs         []string `json:"request_object_signing_alg_values_supported"`
	ScopesSupported                  []string `json:"scopes_supported"`
	ResponseTypesSupported           []string `json:"response_types_supported"`
	ResponseModesSupported           []string `json:"response_modes_supported"`
	GrantTypesSupported              []string `json:"grant_types_supported"`
	SubjectTypesSupported            []string `json:"subject_types_supported"`
	IDTokenSigningAlgs               []string `json:"id_token_signing_alg_values_supported"`
	TokenEndpointAuthMethods         []string `json:"token_endpoint_auth_methods_supported"`
	RevocationEndpointAuthMethods    []string `json:"revocation_endpoint_auth_methods_supported"`
	TokenEndpointAuthSigningAlgs     []string `json:"token_endpoint_auth_signing_alg_values_supported"`
	RevocationAuthSigningAlgs        []string `json:"revocation_endpoint_auth_signing_alg_values_supported"`
	IntrospectionEndpointAuthMethods []string `json:"introspection_endpoint_auth_methods_supported"`
	CodeChallengeMethods             []string `json:"code_challenge_methods_supported"`
	ClaimsSupported                  []string `json:"claims_supported"`
	ACRValuesSupported               []string `json:"acr_values_supported"`
	PromptValuesSupported            []string `json:"prompt_values_supported"`
	UILocalesSupported               []string `json:"ui_locales_supported"`
	IssParameterSupported            bool     `json:"authorization_response_iss_parameter_supported"`
	RequestParameterSupported        bool     `json:"request_parameter_supported"`
	RequestURIParameterSupported     bool     `json:"request_uri_parameter_supported"`
	ClaimsParameterSupported         bool     `json:"claims_parameter_supported"`
	FrontchannelLogoutSupported      bool     `json:"frontchannel_logout_supported"`
	BackchannelLogoutSupported       bool     `json:"backchannel_logout_supported"`

	// OpenID Connect for Identity Assurance 1.0 §8 (claims_verified.go).
	VerifiedClaimsSupported         bool     `json:"verified_claims_supported"`
	TrustFrameworksSupported        []string `json:"trust_frameworks_supported"`
	EvidenceSupported               []string `json:"evidence_supported"`
	DocumentsSupported              []string `json:"documents_supported"`
	ClaimsInVerifiedClaimsSupported []string `json:"claims_in_verified_claims_supported"`

	// Logout: RP-Initiated Logout 1.0 §2.1, Back-Channel Logout 1.0 §2.1.
	EndSessionEndpoint                string `json:"end_session_endpoint"`
	BackchannelLogoutSessionSupported bool   `json:"backchannel_logout_session_supported"`
}

func (p *Provider) metadata() metadata {
	secret := []string{AuthSecretBasic, AuthSecretPost}
	secret = append(secret, AuthPrivateKeyJWT) // RFC 7523 §2.2, client_assertion.go
	return metadata{
		Issuer:                           p.issuer,
		AuthorizationEndpoint:            p.issuer + pathAuthorize,
		TokenEndpoint:                    p.issuer + pathToken,
		UserinfoEndpoint:                 p.issuer + pathUserinfo,
		JWKSURI:                          p.issuer + pathJWKS,
		RevocationEndpoint:               p.issuer + pathRevoke,
		IntrospectionEndpoint:            p.issuer + pathIntrospect,
		PAREndpoint:                      p.issuer + pathPAR, // RFC 9126 §5; RequirePAR is per client
		RequestParameterSupported:        true,               // RFC 9101, request_object.go; request_uri only from PAR
		RequestObjectSigningAlgs:         algNames(),
		ScopesSupported:                  []string{"openid", "profile", "email", "address", "phone", "postfach", "offline_access"},
		ResponseTypesSupported:           []string{"code"},
		ResponseModesSupported:           []string{"query", "form_post"},
		GrantTypesSupported:              []string{"authorization_code", "refresh_token", "client_credentials"},
		SubjectTypesSupported:            []string{SubjectPairwise, SubjectPublic},
		IDTokenSigningAlgs:               []string{"ES256", "RS256"},
		TokenEndpointAuthMethods:         append(secret, AuthNone),
		RevocationEndpointAuthMethods:    append(secret, AuthNone),
		TokenEndpointAuthSigningAlgs:     algNames(),
		RevocationAuthSigningAlgs:        algNames(),
		IntrospectionEndpointAuthMethods: []string{AuthSecretBasic},
		CodeChallengeMethods:             []string{"S256"},
		ACRValuesSupported:               trust.Supported(), // STORK and eIDAS families, egov-standards §1.4
		ClaimsSupported:                  supportedClaims(),
		ClaimsParameterSupported:         true, // OIDC Core §5.5, claims_request.go
		VerifiedClaimsSupported:          true,
		TrustFrameworksSupported:         []string{trustFramework},
		EvidenceSupported:                evidenceSupported,
		DocumentsSupported:               []string{"idcard"},
		ClaimsInVerifiedClaimsSupported:  verifiableClaims,
		PromptValuesSupported:            []string{"none", "login", "consent", "select_account"},
		UILocalesSupported:               []string{"de", "en"},
		IssParameterSupported:            true,

		// logout.go, backchannel.go; no front-channel logout (third-party
		// cookies in iframes are unreliable), so FrontchannelLogoutSupported stays false.
		EndSessionEndpoint:                p.issuer + pathLogout,
		BackchannelLogoutSupported:        true,
		BackchannelLogoutSessionSupported: true,
	}
}

// discovery serves the metadata. Relying parties cache it; an hour is
// short enough for endpoint changes to spread.
func (p *Provider) discovery(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_ = json.NewEncoder(w).Encode(p.metadata())
}
