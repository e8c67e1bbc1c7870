package idp

import (
	"encoding/json"
	"net/http"
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
	ScopesSupported                  []string `json:"scopes_supported"`
	ResponseTypesSupported           []string `json:"response_types_supported"`
	ResponseModesSupported           []string `json:"response_modes_supported"`
	GrantTypesSupported              []string `json:"grant_types_supported"`
	SubjectTypesSupported            []string `json:"subject_types_supported"`
	IDTokenSigningAlgs               []string `json:"id_token_signing_alg_values_supported"`
	TokenEndpointAuthMethods         []string `json:"token_endpoint_auth_methods_supported"`
	RevocationEndpointAuthMethods    []string `json:"revocation_endpoint_auth_methods_supported"`
	IntrospectionEndpointAuthMethods []string `json:"introspection_endpoint_auth_methods_supported"`
	CodeChallengeMethods             []string `json:"code_challenge_methods_supported"`
	ClaimsSupported                  []string `json:"claims_supported"`
	PromptValuesSupported            []string `json:"prompt_values_supported"`
	UILocalesSupported               []string `json:"ui_locales_supported"`
	IssParameterSupported            bool     `json:"authorization_response_iss_parameter_supported"`
	RequestParameterSupported        bool     `json:"request_parameter_supported"`
	RequestURIParameterSupported     bool     `json:"request_uri_parameter_supported"`
	ClaimsParameterSupported         bool     `json:"claims_parameter_supported"`
	FrontchannelLogoutSupported      bool     `json:"frontchannel_logout_supported"`
	BackchannelLogoutSupported       bool     `json:"backchannel_logout_supported"`
}

func (p *Provider) metadata() metadata {
	secret := []string{AuthSecretBasic, AuthSecretPost}
	return metadata{
		Issuer:                           p.issuer,
		AuthorizationEndpoint:            p.issuer + pathAuthorize,
		TokenEndpoint:                    p.issuer + pathToken,
		UserinfoEndpoint:                 p.issuer + pathUserinfo,
		JWKSURI:                          p.issuer + pathJWKS,
		RevocationEndpoint:               p.issuer + pathRevoke,
		IntrospectionEndpoint:            p.issuer + pathIntrospect,
		ScopesSupported:                  []string{"openid", "offline_access"},
		ResponseTypesSupported:           []string{"code"},
		ResponseModesSupported:           []string{"query", "form_post"},
		GrantTypesSupported:              []string{"authorization_code", "refresh_token", "client_credentials"},
		SubjectTypesSupported:            []string{SubjectPairwise, SubjectPublic},
		IDTokenSigningAlgs:               []string{"ES256", "RS256"},
		TokenEndpointAuthMethods:         append(secret, AuthNone),
		RevocationEndpointAuthMethods:    append(secret, AuthNone),
		IntrospectionEndpointAuthMethods: []string{AuthSecretBasic},
		CodeChallengeMethods:             []string{"S256"},
		ClaimsSupported:                  []string{"iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "sid", "at_hash"},
		PromptValuesSupported:            []string{"none", "login", "consent", "select_account"},
		UILocalesSupported:               []string{"de", "en"},
		IssParameterSupported:            true,
	}
}

// discovery serves the metadata. Relying parties cache it; an hour is
// short enough for endpoint changes to spread.
func (p *Provider) discovery(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_ = json.NewEncoder(w).Encode(p.metadata())
}
