package idp

import "net/http"

// Endpoint paths below the issuer (OIDC Discovery §3 publishes them).
const (
	pathAuthorize  = "/oauth2/auth"
	pathResume     = "/oauth2/auth/resume"
	pathFormPostJS = "/oauth2/form_post.js"
	pathToken      = "/oauth2/token"
	pathUserinfo   = "/oauth2/userinfo"
	pathIntrospect = "/oauth2/introspect"
	pathRevoke     = "/oauth2/revoke"
	pathLogout     = "/oauth2/logout" // RP-Initiated Logout 1.0 §2
	pathPAR        = "/oauth2/par"
	pathJWKS       = "/.well-known/jwks.json" // served by keys.Manager
)

// Mount registers the provider's whole HTTP surface. These are protocol
// endpoints: protected by PKCE, state, client authentication and bearer
// tokens, not by the pages' CSRF middleware.
func (p *Provider) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /.well-known/openid-configuration", p.discovery)
	mux.HandleFunc("GET /.well-known/oauth-authorization-server", p.discovery)
	mux.HandleFunc("GET "+pathAuthorize, p.authorize)
	mux.HandleFunc("POST "+pathAuthorize, p.authorize)
	mux.HandleFunc("GET "+pathResume, p.resume)
	mux.HandleFunc("GET "+pathFormPostJS, p.formPostScript)
	mux.HandleFunc("POST "+pathToken, p.token)
	mux.HandleFunc("GET "+pathUserinfo, p.userinfo)
	mux.HandleFunc("POST "+pathUserinfo, p.userinfo)
	mux.HandleFunc("POST "+pathIntrospect, p.introspect)
	mux.HandleFunc("POST "+pathRevoke, p.revoke)
	mux.HandleFunc("POST "+pathPAR, p.par)
	mux.HandleFunc("GET "+pathLogout, p.logout)
	mux.HandleFunc("POST "+pathLogout, p.logout)
}
