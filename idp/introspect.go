package idp

import (
	"net/http"
	"strings"

	"github.com/ory/fosite"
)

// introspect is token introspection (RFC 7662) for resource servers,
// which authenticate as clients with HTTP Basic (RFC 7662 §2.1). fosite
// would also accept a bearer token as the caller's credential; we do
// not: only registered clients learn about tokens.
func (p *Provider) introspect(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if strings.HasPrefix(strings.ToLower(r.Header.Get("Authorization")), "bearer ") {
		p.oauth.WriteIntrospectionError(ctx, w, fosite.ErrRequestUnauthorized.WithHint("Authenticate as a client with HTTP Basic."))
		return
	}
	resp, err := p.oauth.NewIntrospectionRequest(ctx, r, newSession())
	if err != nil {
		p.oauth.WriteIntrospectionError(ctx, w, err)
		return
	}
	p.oauth.WriteIntrospectionResponse(ctx, w, resp)
}
