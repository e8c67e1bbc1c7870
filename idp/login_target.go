package idp

import (
	"context"
	"net/url"
	"strings"
)

// ResumeTarget is the origin of the client a resume URL returns to, or ""
// when weiter is not a live resume URL of this provider. A page whose form
// continues an authorization (the login, the second factor, the consent)
// must name that origin in its CSP form-action: CSP Level 3 form-action
// also covers the redirects after a form post, and the last of them goes
// to the client's redirect_uri.
func (p *Provider) ResumeTarget(ctx context.Context, weiter string) string {
	prefix := p.issuer + pathResume + "?"
	if !strings.HasPrefix(weiter, prefix) {
		return ""
	}
	q, err := url.ParseQuery(weiter[len(prefix):])
	if err != nil {
		return ""
	}
	h, err := p.openHandoff(q.Get("h"))
	if err != nil {
		return ""
	}
	if uri := h.Form.Get("redirect_uri"); uri != "" {
		return originOf(uri)
	}
	c, err := p.store.clients.GetClient(ctx, h.Form.Get("client_id"))
	if err != nil || len(c.RedirectURIs) != 1 {
		return ""
	}
	return originOf(c.RedirectURIs[0]) // OIDC Core §3.1.2.1 needs it, OAuth 2.0 §3.1.2.3 not
}
