package idp

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/ory/fosite"

	"mvnk/audit"
	"mvnk/store"
)

// consentDecision is the answer given on the consent page, carried by the
// resumed request in its sealed hand-off. It counts only for the login
// session, account, client and scopes it was given for.
type consentDecision struct {
	SID      string   `json:"sid"`
	Subject  string   `json:"sub"`
	ClientID string   `json:"c"`
	Scopes   []string `json:"s"`
	Allow    bool     `json:"allow"`
}

func (d *consentDecision) about(auth *Authentication, c *Client, scopes []string) bool {
	return d != nil && d.SID == auth.SessionID && d.Subject == auth.Subject && d.ClientID == c.ID &&
		slices.Equal(d.Scopes, scopes)
}

// consent decides whether the grant may go ahead (OIDC Core §3.1.2.4). A
// first-party client needs none. A decision just made on the consent page
// counts if it is about this request; else a stored consent that covers
// every requested scope, unless prompt=consent (§3.1.2.1). Otherwise the
// page is shown, or for prompt=none consent_required answered
// (§3.1.2.6). False means the browser has been answered.
func (p *Provider) consent(w http.ResponseWriter, r *http.Request, ar fosite.AuthorizeRequester,
	c *Client, auth *Authentication, login LoginRequest, d *consentDecision) bool {
	requested := ar.GetRequestedScopes()
	if c.FirstParty {
		return true
	}
	stored, err := p.consents().Get(r.Context(), auth.Subject, c.ID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		p.authorizeError(w, r, ar, fosite.ErrServerError.WithWrap(err))
		return false
	}
	if d.about(auth, c, requested) {
		return p.decided(w, r, ar, c, auth, stored, d)
	}
	if stored != nil && covers(stored.Scopes, requested) && !slices.Contains(login.Prompt, "consent") {
		return true
	}
	if !login.Interactive {
		p.authorizeError(w, r, ar, fosite.ErrConsentRequired)
		return false
	}
	p.askConsent(w, r, ar, c, auth, login, requested)
	return false
}

// decided carries out the answer from the consent page: denied, the
// client gets access_denied (RFC 6749 §4.1.2.1); allowed, the scopes are
// remembered together with those consented before.
func (p *Provider) decided(w http.ResponseWriter, r *http.Request, ar fosite.AuthorizeRequester,
	c *Client, auth *Authentication, stored *Consent, d *consentDecision) bool {
	if !d.Allow {
		p.authorizeError(w, r, ar, fosite.ErrAccessDenied.WithHint("The user did not consent."))
		return false
	}
	scopes := d.Scopes
	if stored != nil {
		scopes = union(stored.Scopes, d.Scopes)
	}
	if err := p.consents().Put(r.Context(), auth.Subject, c.ID, scopes); err != nil {
		p.authorizeError(w, r, ar, fosite.ErrServerError.WithWrap(err))
		return false
	}
	p.recordFor(r.Context(), r, audit.ConsentGranted, auth.Subject, c.ID, map[string]string{"scope": strings.Join(d.Scopes, " ")})
	return true
}

// consents is the consent store on the provider's database.
func (p *Provider) consents() *SQLConsentStore {
	s := NewConsentStore(p.store.db)
	s.now = p.cfg.Now
	return s
}

// recordFor writes an event the account itself caused (consent given or
// taken back) to the audit log, if one is configured; r is nil when the
// event does not come from a request of the provider's own.
func (p *Provider) recordFor(ctx context.Context, r *http.Request, kind, accountID, clientID string, details map[string]string) {
	if p.cfg.Audit == nil {
		return
	}
	ev := audit.Event{Type: kind, Actor: accountID, ActorKind: audit.ActorAccount, ClientID: clientID,
		Subject: accountID, Details: details}
	if r != nil {
		ev.IP, ev.UserAgent = r.RemoteAddr, r.UserAgent()
	}
	if err := p.cfg.Audit.Record(ctx, ev); err != nil {
		p.log.Error("idp: audit log write failed", "event", kind, "err", err)
	}
}
