package portal

import (
	"net/http"
	"strings"
)

// contentSecurityPolicy allows nothing inline and nothing from elsewhere:
// scripts, styles and fonts come from our own /assets/, images also from
// data: URIs (KERN's icons are SVG data URIs in its CSS).
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; " +
	"base-uri 'none'; object-src 'none'"

// CSPWithFormAction is the pages' policy with more form targets: a page
// whose form ends in a redirect to another origin (an OIDC logout that
// returns to the client) must name it, since CSP Level 3 form-action also
// covers the redirects after a form post.
func CSPWithFormAction(origins ...string) string {
	policy := contentSecurityPolicy
	for _, o := range origins {
		policy = strings.Replace(policy, "form-action 'self'", "form-action 'self' "+o, 1)
	}
	return policy
}

// SecurityHeaders sets the security headers on every response, pages and
// protocol endpoints alike. They are set before h runs, so a handler with
// a real need (e.g. an OIDC form_post page) can still override one.
func (p *Portal) SecurityHeaders(h http.Handler) http.Handler {
	hsts := p.secure()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("X-Frame-Options", "DENY") // for browsers without frame-ancestors
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		if hsts {
			// No includeSubDomains: other hosts of the operator's domain
			// are not ours to commit to https.
			hd.Set("Strict-Transport-Security", "max-age=31536000")
		}
		h.ServeHTTP(w, r)
	})
}
