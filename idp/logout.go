package idp

import (
	"net/http"
)

// SessionEnder ends the browser's login session at the login step (the
// portal's session cookie and store). The Authenticator passed to New may
// implement it; without it the provider still marks the session ended,
// so authorizations in it fail (see authenticate). sid "" asks for the
// browser's current session.
type SessionEnder interface {
	EndSession(w http.ResponseWriter, r *http.Request, sid string) error
}

// logout is the end_session_endpoint (RP-Initiated Logout 1.0 §2), GET
// and POST. With a valid id_token_hint it logs out at once; without one
// it asks the user first (§2: the OP SHOULD ask), by a form that posts
// back here (logout_confirm.go).
func (p *Provider) logout(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		p.logoutError(w, r, http.StatusBadRequest, err)
		return
	}
	if r.Method == http.MethodPost && r.PostForm.Has(fieldLogoutConfirm) {
		p.logoutConfirmed(w, r)
		return
	}
	req, err := p.parseLogout(r.Context(), r.Form)
	if err != nil {
		p.logoutError(w, r, http.StatusBadRequest, err)
		return
	}
	if !req.hinted {
		p.askLogout(w, r, req)
		return
	}
	p.finishLogout(w, r, req)
}

// finishLogout ends the session of the hint, or else the browser's
// current one, tells the login step, and sends the browser on (§3).
func (p *Provider) finishLogout(w http.ResponseWriter, r *http.Request, req logoutRequest) {
	sid, subject := req.sid, ""
	if current, ok := p.auth.Authenticate(w, r, LoginRequest{}); ok && (sid == "" || sid == current.SessionID) {
		sid, subject = current.SessionID, current.Subject
	}
	if sid != "" {
		if err := p.endSession(r.Context(), sid, subject); err != nil {
			p.logoutError(w, r, http.StatusInternalServerError, err)
			return
		}
	}
	if ender, ok := p.auth.(SessionEnder); ok {
		if err := ender.EndSession(w, r, sid); err != nil {
			p.log.Error("idp: login step did not end the session", "err", err)
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	if req.redirect != "" {
		http.Redirect(w, r, req.redirectURL(), http.StatusSeeOther)
		return
	}
	p.renderLogout(w, r, http.StatusOK, "idp-logout-done", &logoutDonePage{Page: protocolPage(),
		ClientName: req.clientName(), BadRedirect: req.badRedirect,
	}, "")
}
