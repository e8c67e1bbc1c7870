package idp

import (
	"context"
	"net/url"
	"strings"
)

// Continuation is what the login pages learn of the authorization a
// resume URL continues.
type Continuation struct {
	// Origin is where the browser ends: the client's redirect_uri origin.
	// A page whose form continues an authorization (the login, the second
	// factor) must name it in its CSP form-action: CSP Level 3 form-action
	// also covers the redirects after a form post.
	Origin string
	// StaffClient: the client is marked for staff (Client.Staff).
	StaffClient bool
}

// ResumeContinuation opens a resume URL of this provider; false when
// weiter is none or no longer valid.
func (p *Provider) ResumeContinuation(ctx context.Context, weiter string) (Continuation, bool) {
	h, ok := p.handoffOf(weiter)
	if !ok {
		return Continuation{}, false
	}
	c, err := p.store.clients.GetClient(ctx, h.Form.Get("client_id"))
	if err != nil {
		return Continuation{}, false
	}
	uri := h.Form.Get("redirect_uri")
	if uri == "" && len(c.RedirectURIs) == 1 {
		uri = c.RedirectURIs[0] // OIDC Core §3.1.2.1 needs it, OAuth 2.0 §3.1.2.3 not
	}
	return Continuation{Origin: originOf(uri), StaffClient: c.Staff}, true
}

// handoffOf opens the hand-off of a resume URL of this provider; false
// when weiter is none or no longer valid.
func (p *Provider) handoffOf(weiter string) (handoff, bool) {
	prefix := p.issuer + pathResume + "?"
	if !strings.HasPrefix(weiter, prefix) {
		return handoff{}, false
	}
	q, err := url.ParseQuery(weiter[len(prefix):])
	if err != nil {
		return handoff{}, false
	}
	h, err := p.openHandoff(q.Get("h"))
	return h, err == nil
}
