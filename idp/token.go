package idp

import (
	"context"
	"net/http"
	"net/url"

	"github.com/ory/fosite"
)

// token is the token endpoint (RFC 6749 §3.2): authorization_code,
// refresh_token and client_credentials. fosite's writers set
// Cache-Control: no-store (RFC 6749 §5.1).
func (p *Provider) token(w http.ResponseWriter, r *http.Request) {
	ctx := p.tokenContext(r)
	sess := newSession()
	ar, err := p.oauth.NewAccessRequest(ctx, r, sess)
	if err != nil {
		p.accessError(ctx, w, r, ar, err)
		return
	}
	if ar.GetGrantTypes().ExactOne("client_credentials") {
		grantClientCredentials(ar, sess)
	}
	resp, err := p.oauth.NewAccessResponse(ctx, ar)
	if err != nil {
		p.accessError(ctx, w, r, ar, err)
		return
	}
	p.oauth.WriteAccessResponse(ctx, w, ar, resp)
}

// grantClientCredentials grants what fosite checked against the client
// (RFC 6749 §4.4); the client is the subject (RFC 9068 §2.2).
func grantClientCredentials(ar fosite.AccessRequester, sess *Session) {
	for _, scope := range ar.GetRequestedScopes() {
		ar.GrantScope(scope)
	}
	for _, aud := range ar.GetRequestedAudience() {
		ar.GrantAudience(aud)
	}
	sess.ClientID = ar.GetClient().GetID()
	sess.Subject = sess.ClientID
}

// accessError writes an RFC 6749 §5.2 error. A failed Basic
// authentication gets 401 with a challenge for the scheme used.
func (p *Provider) accessError(ctx context.Context, w http.ResponseWriter, r *http.Request, ar fosite.AccessRequester, err error) {
	rfc := fosite.ErrorToRFC6749Error(err)
	if rfc.ErrorField == fosite.ErrInvalidClient.ErrorField {
		if _, _, basic := r.BasicAuth(); basic {
			w.Header().Set("WWW-Authenticate", `Basic realm="`+p.issuer+`", charset="UTF-8"`)
		}
	}
	if rfc.CodeField >= 500 {
		p.log.Error("idp: token endpoint", "err", err, "debug", rfc.DebugField)
	}
	p.oauth.WriteAccessError(ctx, w, ar, err)
}

// tokenContext marks the request PKCE-optional when the calling client is
// a confidential one registered without PKCE. It is read before fosite
// authenticates the client, which is safe: the flag only matters for a
// code issued without a challenge, which only that client could get.
func (p *Provider) tokenContext(r *http.Request) context.Context {
	ctx := r.Context()
	id, _, ok := r.BasicAuth()
	if ok {
		id, _ = url.QueryUnescape(id) // RFC 6749 §2.3.1 form-encodes it
	} else {
		id = r.PostFormValue("client_id")
	}
	if id == "" {
		id = assertionSubject(r.PostFormValue("client_assertion"))
	}
	if id == "" {
		return ctx
	}
	c, err := p.store.clients.GetClient(ctx, id)
	if err == nil && !c.requiresPKCE() {
		return withPKCEOptional(ctx)
	}
	return ctx
}
