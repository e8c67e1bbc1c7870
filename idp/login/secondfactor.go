package login

import (
	"errors"
	"html/template"
	"net/http"
	"strings"

	"mvnk/portal"
)

// Paths of the second login step.
const (
	pathSecondFactor = "/anmelden/zweiter-faktor"
	pathRecoveryCode = "/anmelden/wiederherstellungscode"
	pathEnrol        = "/anmelden/zweiter-faktor/einrichten"
)

// amrOTP: a one-time code passed, from the app or a recovery code
// (RFC 8176 §2 "otp").
const amrOTP = "otp"

func (l *Login) mountSecondFactor(mux *http.ServeMux) {
	mux.HandleFunc("GET "+pathSecondFactor, l.showSecondFactor)
	mux.HandleFunc("POST "+pathSecondFactor, l.submitSecondFactor)
	mux.HandleFunc("GET "+pathRecoveryCode, l.showRecoveryCode)
	mux.HandleFunc("POST "+pathRecoveryCode, l.submitRecoveryCode)
	mux.HandleFunc("GET "+pathEnrol, l.showEnrol)
	mux.HandleFunc("POST "+pathEnrol, l.submitEnrol)
}

// secondFactorPage is every page of the second step: what the account
// can log in with, and for the enrolment the key and the new codes.
type secondFactorPage struct {
	formPage
	TOTP     bool     // a confirmed TOTP: ask for its code
	Passkeys bool     // passkeys: the passkey helper's button
	OTPURI   string   // the otpauth:// URI of a TOTP being set up
	Secret   string   // the TOTP secret, grouped for typing
	Codes    []string // recovery codes, shown once
	Weiter   string
	TooMany  bool // the pending login was dropped after wrong codes
}

// QR is the enrolment's QR code, labelled in the page's language.
func (p *secondFactorPage) QR() (template.HTML, error) {
	return QRCode(p.OTPURI, text(msgQRLabel, p.Lang))
}

// showSecondFactor asks for the code; a staff account without any
// second factor sets one up first.
func (l *Login) showSecondFactor(w http.ResponseWriter, r *http.Request) {
	p, data, ok := l.secondFactorStart(w, r)
	if !ok {
		return
	}
	if !data.TOTP && !data.Passkeys {
		http.Redirect(w, r, pathEnrol, http.StatusSeeOther)
		return
	}
	l.allowFormTarget(w, r, p.Weiter)
	l.Portal.Render(w, r, http.StatusOK, "zweiter-faktor", data)
}

// submitSecondFactor checks a TOTP code of the pending login.
func (l *Login) submitSecondFactor(w http.ResponseWriter, r *http.Request) {
	p, data, ok := l.secondFactorStart(w, r)
	if !ok {
		return
	}
	l.allowFormTarget(w, r, p.Weiter)
	code := strings.TrimSpace(r.PostFormValue("code"))
	if code == "" {
		data.Errors = fieldError("code", msgCodeMissing)
		l.Portal.Render(w, r, http.StatusUnprocessableEntity, "zweiter-faktor", data)
		return
	}
	err := l.attempt(r, p, func() error { return l.verifyTOTP(r, p.AccountID, code) })
	if err == nil {
		err = l.finishSecondFactor(w, r, p, amrOTP)
	}
	if err != nil {
		l.codeFailed(w, r, p, "zweiter-faktor", data, err)
	}
}

// secondFactorStart finds the pending login and what the account has;
// without a live pending login it shows the "log in again" page.
func (l *Login) secondFactorStart(w http.ResponseWriter, r *http.Request) (*Pending, *secondFactorPage, bool) {
	p, err := l.pendingLogin(r)
	if err != nil {
		l.pendingFailed(w, r, err, false)
		return nil, nil, false
	}
	f, err := l.Accounts.Store.Factors(r.Context(), p.AccountID)
	if err != nil {
		l.Portal.ServerError(w, r, err)
		return nil, nil, false
	}
	data := &secondFactorPage{TOTP: f.TOTP, Passkeys: f.Passkeys > 0, Weiter: p.Weiter,
		formPage: formPage{portal.Page{ReturnTo: r.URL.Path}}}
	return p, data, true
}

// pendingFailed: no pending login (expired, finished, or dropped after
// too many wrong codes) asks to log in again.
func (l *Login) pendingFailed(w http.ResponseWriter, r *http.Request, err error, tooMany bool) {
	if err != nil && !errors.Is(err, ErrNoPending) {
		l.Portal.ServerError(w, r, err)
		return
	}
	l.setPendingCookie(w, "", -1)
	data := &secondFactorPage{formPage: formPage{portal.Page{ReturnTo: "/"}}}
	data.TooMany = tooMany
	l.Portal.Render(w, r, http.StatusBadRequest, "zweiter-faktor-abgelaufen", data)
}
