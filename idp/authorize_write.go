package idp

import (
	"net/http"
	"net/url"

	"github.com/ory/fosite"
)

// authorizeError answers a failed authorization request. Without a
// verified redirect_uri it never redirects (RFC 6749 §4.1.2.1) and shows
// the German error page; otherwise fosite writes the error to the client.
func (p *Provider) authorizeError(w http.ResponseWriter, r *http.Request, ar fosite.AuthorizeRequester, err error) {
	if ar == nil || !ar.IsRedirectURIValid() {
		p.showError(w, r, http.StatusBadRequest, msgInvalidRequest, err)
		return
	}
	p.log.Info("idp: authorization error sent to client", "client", ar.GetClient().GetID(), "err", err)
	p.oauth.WriteAuthorizeError(r.Context(), p.responseWriter(w, ar), ar, err)
}

// responseWriter prepares w for an authorization response to the client.
// form_post pages may post to the client's origin and run our script file
// (CSP Level 3 form-action; no inline script). Redirects get iss.
func (p *Provider) responseWriter(w http.ResponseWriter, ar fosite.AuthorizeRequester) http.ResponseWriter {
	if ar.GetResponseMode() == fosite.ResponseModeFormPost {
		u := ar.GetRedirectURI()
		w.Header().Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; "+
			"form-action "+u.Scheme+"://"+u.Host+"; frame-ancestors 'none'; base-uri 'none'")
		return w // the page carries iss itself (templates/form_post.html)
	}
	return &issWriter{ResponseWriter: w, issuer: p.issuer}
}

// issWriter adds iss to every redirect to the client, success or error
// (RFC 9207 §2). fosite has no hook for it, so the Location header is
// amended as it is written.
type issWriter struct {
	http.ResponseWriter
	issuer string
}

func (w *issWriter) WriteHeader(status int) {
	if status >= 300 && status < 400 {
		if loc, err := url.Parse(w.Header().Get("Location")); err == nil && loc.Scheme != "" {
			q := loc.Query()
			q.Set("iss", w.issuer)
			loc.RawQuery = q.Encode()
			w.Header().Set("Location", loc.String())
		}
	}
	w.ResponseWriter.WriteHeader(status)
}
