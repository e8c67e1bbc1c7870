package idp

import (
	"net/http"

	"github.com/ory/fosite"
)

// par is the pushed authorization request endpoint (RFC 9126 §2). The
// client authenticates as at the token endpoint (§2: every method it is
// registered for); fosite checks the request as an authorization request
// and returns request_uri and expires_in (§2.2). A request object in the
// body is verified first (request_object.go), so fosite never sees one.
func (p *Provider) par(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := p.resolvePushedRequestObject(r); err != nil {
		p.oauth.WritePushedAuthorizeError(ctx, w, fosite.NewAuthorizeRequest(), err)
		return
	}
	ar, err := p.oauth.NewPushedAuthorizeRequest(ctx, r)
	if err == nil && !ar.GetResponseTypes().ExactOne("code") {
		err = fosite.ErrUnsupportedResponseType.WithHint("Only response_type=code is supported.")
	}
	if err != nil {
		p.oauth.WritePushedAuthorizeError(ctx, w, ar, err)
		return
	}
	resp, err := p.oauth.NewPushedAuthorizeResponse(ctx, ar, newSession())
	if err != nil {
		p.oauth.WritePushedAuthorizeError(ctx, w, ar, err)
		return
	}
	p.oauth.WritePushedAuthorizeResponse(ctx, w, ar, resp)
}
