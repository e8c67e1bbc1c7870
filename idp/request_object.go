package idp

import (
	"context"
	"net/http"
	"net/url"
	"slices"

	"github.com/ory/fosite"
)

// requestObjectForm verifies the request object (RFC 9101) in form and
// returns the parameters fosite is to see: the query's, overridden by
// the object's (OIDC Core §6.1), without request. The object is a JWS
// by the client named in client_id, with one of its registered keys;
// fosite's own parsing is never used, as it copies claims with %s and
// loses their JSON types (idp-anchors §4.4 pitfall 6).
func (p *Provider) requestObjectForm(ctx context.Context, form url.Values) (url.Values, error) {
	clientID := form.Get("client_id")
	if clientID == "" {
		return nil, fosite.ErrInvalidRequest.WithHint("client_id is required with a request object (RFC 9101 §5).")
	}
	c, err := p.store.clients.GetClient(ctx, clientID)
	if err != nil {
		return nil, fosite.ErrInvalidClient.WithHint("Unknown client.").WithWrap(err)
	}
	jws, err := parseClientJWT(form.Get("request"))
	if err != nil {
		return nil, fosite.ErrInvalidRequestObject.WithHint("The request object must be a JWS signed with ES256, RS256 or PS256.").WithWrap(err)
	}
	payload, err := p.verifyClientJWT(ctx, c, jws)
	if err != nil {
		return nil, fosite.ErrInvalidRequestObject.WithHint("The request object's signature does not verify with the client's keys.").WithWrap(err)
	}
	params, err := requestObjectParams(payload, c.ID, p.issuer, p.cfg.Now())
	if err != nil {
		return nil, fosite.ErrInvalidRequestObject.WithHint(err.Error())
	}
	merged := url.Values{}
	for k, v := range form {
		if k != "request" {
			merged[k] = v
		}
	}
	for k, v := range params {
		merged.Set(k, v)
	}
	return merged, nil
}

// resolvePushedRequestObject replaces a request object in a PAR body by
// its verified parameters (RFC 9126 §3), before fosite parses the body.
// The client is the one named by client_id, Basic or the assertion; its
// authentication follows in fosite (it must match the object's iss).
func (p *Provider) resolvePushedRequestObject(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return fosite.ErrInvalidRequest.WithHint("The body could not be parsed.").WithWrap(err)
	}
	if r.PostForm.Get("request") == "" {
		return nil
	}
	form := url.Values{}
	for k, v := range r.PostForm {
		form[k] = v
	}
	if form.Get("client_id") == "" {
		if id, _, ok := r.BasicAuth(); ok {
			id, _ = url.QueryUnescape(id)
			form.Set("client_id", id)
		} else {
			form.Set("client_id", assertionSubject(form.Get("client_assertion")))
		}
	}
	merged, err := p.requestObjectForm(r.Context(), form)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(clientAuthParams, func(k string) bool { return merged.Get(k) != form.Get(k) }) {
		return fosite.ErrInvalidRequestObject.WithHint("A request object carries no client credentials.")
	}
	r.Form, r.PostForm = merged, merged
	return nil
}
