package idp

import (
	"encoding/json"
	"errors"
	"net/http"
)

var errConsentForm = errors.New("idp: consent form expired or not readable")

// MountPages registers the provider's page actions on the portal's page
// mux, behind its CSRF protection (Portal.Protect): the consent answer.
func (p *Provider) MountPages(mux *http.ServeMux) {
	mux.HandleFunc("POST "+pathConsent, p.decideConsent)
}

// decideConsent takes the answer of the consent page and continues the
// authorization request through the resume endpoint, the answer sealed
// into its hand-off. It is carried out there, where the login session is
// checked against the one the page was shown to.
func (p *Provider) decideConsent(w http.ResponseWriter, r *http.Request) {
	f, err := p.openConsentForm(r.PostFormValue(fieldConsent))
	if err != nil {
		p.showError(w, r, http.StatusBadRequest, msgExpired, err)
		return
	}
	h, err := p.openHandoff(f.Handoff)
	if err != nil {
		p.showError(w, r, http.StatusBadRequest, msgExpired, err)
		return
	}
	h.Consent = &consentDecision{SID: f.SID, Subject: f.Subject, ClientID: f.ClientID, Scopes: f.Scopes,
		Allow: r.PostFormValue("entscheidung") == "zulassen"}
	resume, err := p.resumeURL(h)
	if err != nil {
		p.showError(w, r, http.StatusInternalServerError, msgExpired, err)
		return
	}
	http.Redirect(w, r, resume, http.StatusSeeOther)
}

func (p *Provider) openConsentForm(sealed string) (consentForm, error) {
	var f consentForm
	raw, err := p.handoff.open(sealed, consentAD)
	if err != nil {
		return f, err
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		return f, err
	}
	if p.cfg.Now().After(f.Expires) || f.SID == "" || f.Subject == "" {
		return f, errConsentForm
	}
	return f, nil
}
