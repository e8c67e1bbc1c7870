package idp

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/ory/fosite"
)

// introspect is token introspection (RFC 7662) for resource servers,
// which authenticate as clients with HTTP Basic (RFC 7662 §2.1). fosite
// would also accept a bearer token as the caller's credential; we do
// not: only registered clients learn about tokens. A JWT access token
// verified once is answered by introspectFast afterwards.
func (p *Provider) introspect(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if strings.HasPrefix(strings.ToLower(r.Header.Get("Authorization")), "bearer ") {
		p.oauth.WriteIntrospectionError(ctx, w, fosite.ErrRequestUnauthorized.WithHint("Authenticate as a client with HTTP Basic."))
		return
	}
	if p.introspectFast(w, r) {
		return
	}
	resp, err := p.oauth.NewIntrospectionRequest(ctx, r, newSession())
	if err != nil {
		p.oauth.WriteIntrospectionError(ctx, w, err)
		return
	}
	if token := r.PostForm.Get("token"); cacheable(r, resp, token) {
		p.rememberIntrospection(ctx, token, resp)
	}
	if !mayIntrospect(r, resp.GetAccessRequester()) {
		resp = &fosite.IntrospectionResponse{Active: false}
	}
	p.oauth.WriteIntrospectionResponse(ctx, w, resp)
}

// cacheable: an active JWT access token, introspected without a scope
// to match (RFC 7662 §2.1 leaves scope to the server; fosite checks it).
func cacheable(r *http.Request, resp fosite.IntrospectionResponder, token string) bool {
	return resp.IsActive() && resp.GetTokenUse() == fosite.AccessToken && isJWT(token) &&
		r.PostForm.Get("scope") == "" && r.PostForm.Get("access_token") == ""
}

// mayIntrospect: a client learns only about tokens issued to itself or
// meant for it (its id in the granted audience). RFC 7662 §4 leaves the
// decision to the server and warns against token scanning; everyone
// else gets the answer for an unknown token, {"active":false}.
// fosite has authenticated the Basic credentials by now.
func mayIntrospect(r *http.Request, ar fosite.AccessRequester) bool {
	id, _, ok := r.BasicAuth()
	if !ok || ar == nil || ar.GetClient() == nil {
		return false
	}
	caller, err := url.QueryUnescape(id)
	if err != nil {
		return false
	}
	return ar.GetClient().GetID() == caller || ar.GetGrantedAudience().Has(caller)
}
