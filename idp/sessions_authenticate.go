package idp

import (
	"net/http"
	"slices"
)

// authenticate asks the login step and keeps logged-out sessions ended
// (RP-Initiated Logout 1.0 §2; OIDC Core §3.1.2.6): a login whose session
// was logged out counts as none, so prompt=none gets login_required and
// an interactive request asks for a fresh login (prompt=login). It then
// records that client clientID joined the session, for logout.
//
// It keeps the Authenticator contract: false with Interactive means the
// browser has been answered; false without means nothing was written.
func (p *Provider) authenticate(w http.ResponseWriter, r *http.Request, login LoginRequest, clientID string) (*Authentication, bool) {
	auth, ok := p.auth.Authenticate(w, r, login)
	if !ok || auth.SessionID == "" {
		return auth, ok
	}
	st, err := p.sessionState(r.Context(), auth.SessionID, clientID)
	if err == nil && st.endedFor(auth) {
		if !login.Interactive {
			return nil, false
		}
		login.Prompt = append(slices.Clone(login.Prompt), "login")
		if auth, ok = p.auth.Authenticate(w, r, login); !ok {
			return nil, false
		}
		if st, err = p.sessionState(r.Context(), auth.SessionID, clientID); err == nil && st.endedFor(auth) {
			err = errSessionEnded
		}
	}
	if err == nil && !st.joined {
		err = p.joinSession(r.Context(), auth.SessionID, clientID, auth.Subject)
	}
	if err != nil {
		if login.Interactive {
			p.showError(w, r, http.StatusInternalServerError, msgExpired, err)
		} else {
			p.log.Error("idp: login session check", "err", err)
		}
		return nil, false
	}
	return auth, true
}
