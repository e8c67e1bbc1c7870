package idp

import (
	"net/http"

	"mvnk/audit"
)

// revoke is token revocation (RFC 7009). Revoking a refresh token revokes
// the access tokens of its grant, and the other way round (§2.1); fosite
// checks the token belongs to the authenticated client.
func (p *Provider) revoke(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	err := p.oauth.NewRevocationRequest(ctx, r)
	if err == nil {
		p.record(r, audit.TokenRevoked, requestClientID(r),
			map[string]string{"token_type_hint": r.PostFormValue("token_type_hint")})
	}
	p.oauth.WriteRevocationResponse(ctx, w, err)
}
