package console

import (
	"errors"
	"net/http"
	"strings"

	"mvnk/audit"
	"mvnk/idp/account"
	"mvnk/idp/login"
	"mvnk/portal"
)

// Paths of the TOTP (RFC 6238) and recovery-code pages.
const (
	pathTOTP        = pathSecurity + "/totp"
	pathTOTPStart   = pathTOTP + "/einrichten"
	pathTOTPConfirm = pathTOTP + "/bestaetigen"
	pathTOTPRemove  = pathTOTP + "/entfernen"
	pathRecovery    = pathSecurity + "/wiederherstellungscodes"
)

func (c *Console) mountTOTP(mux *http.ServeMux) {
	mux.HandleFunc("GET "+pathTOTP, c.viewer(c.showTOTP))
	mux.HandleFunc("POST "+pathTOTPStart, c.viewer(c.startTOTP))
	mux.HandleFunc("POST "+pathTOTPConfirm, c.viewer(c.confirmTOTP))
	mux.HandleFunc("POST "+pathTOTPRemove, c.viewer(c.removeTOTP))
	mux.HandleFunc("GET "+pathRecovery, c.viewer(c.showRecovery))
	mux.HandleFunc("POST "+pathRecovery, c.viewer(c.regenerateRecovery))
}

// showTOTP shows the state: set up (with the way to remove it), an
// enrolment waiting for its first code (QR code and secret), or none.
func (c *Console) showTOTP(w http.ResponseWriter, r *http.Request, v *Viewer) {
	data, err := c.totpData(r, v)
	if err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	data.Notice = r.URL.Query().Get("hinweis")
	c.renderTOTP(w, r, http.StatusOK, "totp", data)
}

// totpData reads the account's factors and any pending enrolment.
func (c *Console) totpData(r *http.Request, v *Viewer) (*totpPage, error) {
	f, err := c.Accounts.Store.Factors(r.Context(), v.Account.ID)
	if err != nil {
		return nil, err
	}
	data := &totpPage{TOTP: f.TOTP, RecoveryCodes: f.RecoveryCodes, AnyFactor: f.Any()}
	if f.TOTP || c.Login.Sealer == nil {
		return data, nil
	}
	key, err := c.Accounts.Store.PendingTOTP(r.Context(), c.Login.Sealer, v.Account)
	if errors.Is(err, account.ErrNoTOTP) {
		return data, nil
	}
	if err != nil {
		return nil, err
	}
	data.OTPURI, data.Secret = key.URL(), login.GroupSecret(key.Secret())
	return data, nil
}

// startTOTP makes a new secret (replacing an unconfirmed one) and shows
// it through showTOTP.
func (c *Console) startTOTP(w http.ResponseWriter, r *http.Request, v *Viewer) {
	if c.Login.Sealer == nil {
		c.Portal.ServerError(w, r, errors.New("console: TOTP without a sealer"))
		return
	}
	_, err := c.Accounts.Store.BeginTOTP(r.Context(), c.Login.Sealer, v.Account)
	if err != nil && !errors.Is(err, account.ErrTOTPConfirmed) {
		c.Portal.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, pathTOTP, http.StatusSeeOther)
}

// confirmTOTP takes the first code; the recovery codes are made and
// shown once right away.
func (c *Console) confirmTOTP(w http.ResponseWriter, r *http.Request, v *Viewer) {
	if c.Login.Sealer == nil {
		c.Portal.ServerError(w, r, errors.New("console: TOTP without a sealer"))
		return
	}
	code := strings.TrimSpace(r.PostFormValue("code"))
	err := c.Accounts.ReserveSecondFactor(r.Context(), v.Account.ID)
	if err == nil {
		err = c.Accounts.Store.ConfirmTOTP(r.Context(), c.Login.Sealer, v.Account.ID, code)
	}
	if err != nil {
		c.totpFailed(w, r, v, err, code == "")
		return
	}
	_ = c.Accounts.ResetSecondFactor(r.Context(), v.Account.ID)
	c.Login.RecordMFA(r, v.Account.ID, audit.MFATOTPEnrolled, map[string]string{"where": "console"})
	c.newRecoveryCodes(w, r, v)
}

// totpFailed shows the enrolment again with the reason.
func (c *Console) totpFailed(w http.ResponseWriter, r *http.Request, v *Viewer, err error, empty bool) {
	var throttled *account.ThrottledError
	var fe portal.FieldError
	status := http.StatusUnprocessableEntity
	switch {
	case errors.As(err, &throttled):
		fe, status = fieldError("code", msgThrottled, int(throttled.RetryAfter.Seconds())+1), http.StatusTooManyRequests
	case empty:
		fe = fieldError("code", msgTOTPCodeMissing)
	case errors.Is(err, account.ErrCodeInvalid), errors.Is(err, account.ErrNoTOTP):
		fe = fieldError("code", msgTOTPCodeWrong)
	default:
		c.Portal.ServerError(w, r, err)
		return
	}
	data, derr := c.totpData(r, v)
	if derr != nil {
		c.Portal.ServerError(w, r, derr)
		return
	}
	data.Errors = []portal.FieldError{fe}
	c.renderTOTP(w, r, status, "totp", data)
}
