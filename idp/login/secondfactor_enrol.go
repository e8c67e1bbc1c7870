package login

import (
	"errors"
	"net/http"
	"strings"

	"mvnk/audit"
	"mvnk/idp/account"
)

// showEnrol sets up TOTP inside the pending login of a staff account
// without a second factor (NeedsSecondFactor): no session before it.
// An account that has a factor must use it, never add one here.
func (l *Login) showEnrol(w http.ResponseWriter, r *http.Request) {
	p, data, ok := l.enrolStart(w, r)
	if !ok {
		return
	}
	if err := l.enrolKey(r, p, data, false); err != nil {
		l.Portal.ServerError(w, r, err)
		return
	}
	l.Portal.Render(w, r, http.StatusOK, "zweiter-faktor-einrichten", data)
}

// submitEnrol confirms the first code, then shows the recovery codes
// once, with the login already finished.
func (l *Login) submitEnrol(w http.ResponseWriter, r *http.Request) {
	p, data, ok := l.enrolStart(w, r)
	if !ok {
		return
	}
	code := strings.TrimSpace(r.PostFormValue("code"))
	err := l.attempt(r, p, func() error { return l.confirmTOTP(r, p.AccountID, code) })
	if err == nil {
		err = l.enrolled(w, r, p, data)
	}
	if err == nil {
		return
	}
	if errors.Is(err, account.ErrCodeInvalid) || errors.Is(err, account.ErrThrottled) {
		if kerr := l.enrolKey(r, p, data, true); kerr != nil {
			err = kerr
		}
	}
	l.codeFailed(w, r, p, "zweiter-faktor-einrichten", data, err)
}

func (l *Login) confirmTOTP(r *http.Request, accountID, code string) error {
	if l.Sealer == nil {
		return errNoSealer
	}
	return l.Accounts.Store.ConfirmTOTP(r.Context(), l.Sealer, accountID, code)
}

// enrolled records the new factor, makes the recovery codes, finishes
// the login and shows the codes with the way on.
func (l *Login) enrolled(w http.ResponseWriter, r *http.Request, p *Pending, data *secondFactorPage) error {
	l.RecordMFA(r, p.AccountID, audit.MFATOTPEnrolled, map[string]string{"where": "login"})
	codes, err := l.Accounts.Store.NewRecoveryCodes(r.Context(), p.AccountID)
	if err != nil {
		return err
	}
	if err := l.completeSecondFactor(w, r, p, amrOTP); err != nil {
		return err
	}
	data.Codes, data.Weiter, data.ReturnTo = codes, orHome(p.Weiter), "/"
	l.Portal.Render(w, r, http.StatusOK, "zweiter-faktor-codes", data)
	return nil
}

// enrolStart is secondFactorStart for an account without a factor.
func (l *Login) enrolStart(w http.ResponseWriter, r *http.Request) (*Pending, *secondFactorPage, bool) {
	p, data, ok := l.secondFactorStart(w, r)
	if ok && (data.TOTP || data.Passkeys) {
		http.Redirect(w, r, pathSecondFactor, http.StatusSeeOther)
		return nil, nil, false
	}
	if ok {
		l.allowFormTarget(w, r, p.Weiter)
	}
	return p, data, ok
}

// enrolKey puts the pending TOTP key on the page, starting one if there
// is none (unless only showing it again).
func (l *Login) enrolKey(r *http.Request, p *Pending, data *secondFactorPage, again bool) error {
	if l.Sealer == nil {
		return errNoSealer
	}
	acct, err := l.Accounts.Store.GetByID(r.Context(), p.AccountID)
	if err != nil {
		return err
	}
	key, err := l.Accounts.Store.PendingTOTP(r.Context(), l.Sealer, acct)
	if errors.Is(err, account.ErrNoTOTP) && !again {
		key, err = l.Accounts.Store.BeginTOTP(r.Context(), l.Sealer, acct)
	}
	if err != nil {
		return err
	}
	data.Secret, data.OTPURI = GroupSecret(key.Secret()), key.URL()
	return nil
}

// GroupSecret shows a base32 secret in groups of four, for typing it
// into an app by hand.
func GroupSecret(s string) string {
	var b strings.Builder
	for i, c := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}
