package idp

import "github.com/ory/fosite"

// loginAbort is an OAuth error the login step ends an authorization with,
// sealed into the hand-off like the consent page's answer: only the
// provider's key makes one, so a browser cannot forge or alter it.
type loginAbort struct {
	Code        string `json:"code"`
	Description string `json:"desc,omitempty"`
}

// abortErrors are the errors the login step may end a request with: the
// user cancelled (RFC 6749 §4.1.2.1), the level cannot be reached
// (OpenID Connect Unmet Authentication Requirements 1.0 §2), the eID
// service is down (RFC 6749 §4.1.2.1), no login without interaction
// (OIDC Core §3.1.2.6).
var abortErrors = map[string]*fosite.RFC6749Error{
	"access_denied":                     fosite.ErrAccessDenied,
	"unmet_authentication_requirements": errUnmetAuthn,
	"temporarily_unavailable":           fosite.ErrTemporarilyUnavailable,
	"login_required":                    fosite.ErrLoginRequired,
}

// err is the error to answer the client with; nil for no abort.
func (a *loginAbort) err() error {
	if a == nil {
		return nil
	}
	e, ok := abortErrors[a.Code]
	if !ok { // not made by ResumeError; refuse rather than pass it on
		return fosite.ErrServerError.WithHint("Unknown login error.")
	}
	if a.Description != "" {
		return e.WithHint(a.Description)
	}
	return e
}

// ResumeError is a URL of the provider that ends the authorization weiter
// continues with the OAuth error code at the client's redirect_uri
// (login.Login.ResumeError). "" when weiter continues no live
// authorization or code is not one of abortErrors.
func (p *Provider) ResumeError(weiter, code, description string) string {
	if _, ok := abortErrors[code]; !ok {
		return ""
	}
	h, ok := p.handoffOf(weiter)
	if !ok {
		return ""
	}
	h.Abort = &loginAbort{Code: code, Description: description}
	u, err := p.resumeURL(h)
	if err != nil {
		return ""
	}
	return u
}
