package idp

import (
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"github.com/ory/fosite"

	"mvnk/portal"
)

// The consent form is a page POST behind the portal's CSRF protection
// (MountPages: cross-origin check and the session's csrf_token). What it
// decides is sealed into the form (AEAD, like the login hand-off): the
// authorization request, the login session and account it was shown to,
// the client and the scopes. Nothing can be swapped, and the resumed
// request honours the answer only for that session and account.
const (
	pathConsent  = "/oauth2/auth/consent"
	fieldConsent = "consent_request"
	consentAD    = "consent-form"
	consentLife  = 10 * time.Minute
)

// consentForm is what the consent form carries, sealed.
type consentForm struct {
	Handoff  string    `json:"h"` // the sealed hand-off of the request
	SID      string    `json:"sid"`
	Subject  string    `json:"sub"`
	ClientID string    `json:"c"`
	Scopes   []string  `json:"s"`
	Expires  time.Time `json:"exp"`
}

// consentPage asks in plain language: which service, which data, why.
type consentPage struct {
	portal.Page
	ClientName, Owner, Description, PolicyURI string
	Data                                      []ScopeText
	Action, Field, Request                    string
}

// askConsent shows the consent page for the requested scopes.
func (p *Provider) askConsent(w http.ResponseWriter, r *http.Request, ar fosite.AuthorizeRequester, c *Client,
	auth *Authentication, login LoginRequest, scopes []string) {
	f := consentForm{Handoff: sealedHandoff(login.ResumeURL), SID: auth.SessionID, Subject: auth.Subject,
		ClientID: c.ID, Scopes: scopes, Expires: p.cfg.Now().Add(consentLife)}
	raw, err := json.Marshal(f)
	if err != nil {
		p.showError(w, r, http.StatusInternalServerError, msgExpired, err)
		return
	}
	// The answer ends in a redirect to the client (CSP Level 3
	// form-action covers the redirects after a form post).
	if u := ar.GetRedirectURI(); u != nil && u.Host != "" {
		w.Header().Set("Content-Security-Policy", portal.CSPWithFormAction(u.Scheme+"://"+u.Host))
	}
	w.Header().Set("Cache-Control", "no-store")
	p.shell.Render(w, r, http.StatusOK, "idp-consent", &consentPage{Page: protocolPage(),
		ClientName: c.Name, Owner: c.Owner, Description: c.Description, PolicyURI: c.PolicyURI,
		Data: DescribeScopes(scopes), Action: pathConsent, Field: fieldConsent,
		Request: p.handoff.seal(raw, consentAD)})
}

// sealedHandoff is the sealed request in a resume URL.
func sealedHandoff(resumeURL string) string {
	u, err := url.Parse(resumeURL)
	if err != nil {
		return ""
	}
	return u.Query().Get("h")
}
