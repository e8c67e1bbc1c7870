package idp

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/ory/fosite"
)

// parPrefix starts every request_uri we issue (RFC 9126 §2.2).
const parPrefix = "urn:ietf:params:oauth:request_uri:"

// frontChannel resolves what an authorization request carries by value
// or by reference before fosite sees it, and returns the request fosite
// is to parse: the pushed parameters for a request_uri (RFC 9126 §4; the
// other query parameters are ignored), or the verified request object's
// parameters over the query's (RFC 9101 §6.3, request_object.go). fosite
// itself never sees request or request_uri. viaPAR tells RequirePAR.
func (p *Provider) frontChannel(r *http.Request) (_ *http.Request, viaPAR bool, err error) {
	if err := r.ParseForm(); err != nil {
		return nil, false, fosite.ErrInvalidRequest.WithHint("The request could not be parsed.").WithWrap(err)
	}
	uri, obj := r.Form.Get("request_uri"), r.Form.Get("request")
	switch {
	case uri != "" && obj != "":
		return nil, false, fosite.ErrInvalidRequest.WithHint("Use request or request_uri, not both (RFC 9101 §5).")
	case uri != "":
		req, err := p.pushedRequest(r.Context(), r, uri)
		return req, err == nil, err
	case obj != "":
		form, err := p.requestObjectForm(r.Context(), r.Form)
		if err != nil {
			return nil, false, err
		}
		return withForm(r, form), false, nil
	}
	return r, false, nil
}

// pushedRequest takes the pushed request behind uri, which must have been
// pushed by the client named in client_id (RFC 9126 §4).
func (p *Provider) pushedRequest(ctx context.Context, r *http.Request, uri string) (*http.Request, error) {
	if !strings.HasPrefix(uri, parPrefix) {
		return nil, fosite.ErrRequestURINotSupported.WithHint("Only request_uri values from the pushed authorization request endpoint are accepted.")
	}
	clientID, form, err := p.store.consumePAR(ctx, uri)
	if errors.Is(err, errPARUnknown) {
		return nil, fosite.ErrInvalidRequestURI.WithHint("The request_uri is unknown, expired or was used before.")
	}
	if err != nil {
		return nil, fosite.ErrServerError.WithWrap(err).WithDebug(err.Error())
	}
	if clientID != r.Form.Get("client_id") {
		return nil, fosite.ErrInvalidRequest.WithHint("client_id must be the client that pushed the request.")
	}
	return withForm(r, form), nil
}

// frontChannelError answers a request whose request or request_uri
// failed. fosite checks the query without them: an error goes to the
// client only at a registered redirect URI, else the error page shows.
func (p *Provider) frontChannelError(w http.ResponseWriter, r *http.Request, err error) {
	outer := withForm(r, r.Form)
	q := outer.URL.Query()
	q.Del("request")
	q.Del("request_uri")
	outer.URL.RawQuery = q.Encode()
	ar, parseErr := p.oauth.NewAuthorizeRequest(r.Context(), outer)
	if parseErr != nil {
		p.authorizeError(w, r, nil, err)
		return
	}
	p.authorizeError(w, r, ar, err)
}

// withForm is r as a GET with form as its query, as fosite is to parse it.
func withForm(r *http.Request, form url.Values) *http.Request {
	r2 := r.Clone(r.Context())
	r2.Method = http.MethodGet
	r2.URL.RawQuery = form.Encode()
	r2.Form, r2.PostForm, r2.Body = nil, nil, http.NoBody
	return r2
}
