package login

import (
	"net/http"
	"strings"

	"mvnk/audit"
)

// showRecoveryCode offers a recovery code in place of a lost factor.
func (l *Login) showRecoveryCode(w http.ResponseWriter, r *http.Request) {
	p, data, ok := l.secondFactorStart(w, r)
	if !ok {
		return
	}
	l.allowFormTarget(w, r, p.Weiter)
	l.Portal.Render(w, r, http.StatusOK, "wiederherstellungscode", data)
}

// submitRecoveryCode uses a recovery code up and finishes the login; the
// audit log records which account used one, so its owner can be told.
func (l *Login) submitRecoveryCode(w http.ResponseWriter, r *http.Request) {
	p, data, ok := l.secondFactorStart(w, r)
	if !ok {
		return
	}
	l.allowFormTarget(w, r, p.Weiter)
	code := strings.TrimSpace(r.PostFormValue("code"))
	if code == "" {
		data.Errors = fieldError("code", msgRecoveryMissing)
		l.Portal.Render(w, r, http.StatusUnprocessableEntity, "wiederherstellungscode", data)
		return
	}
	err := l.attempt(r, p, func() error { return l.Accounts.Store.UseRecoveryCode(r.Context(), p.AccountID, code) })
	if err == nil {
		l.RecordMFA(r, p.AccountID, audit.MFARecoveryUsed, nil)
		err = l.finishSecondFactor(w, r, p, amrOTP)
	}
	if err != nil {
		l.codeFailed(w, r, p, "wiederherstellungscode", data, err)
	}
}
