package login

import (
	"errors"
	"math"
	"net/http"
	"strconv"

	"mvnk/idp/account"
)

// Message keys of the second step; texts has their German and English.
const (
	msgCodeMissing     = "mfa.code_missing"
	msgCodeWrong       = "mfa.code_wrong"
	msgRecoveryMissing = "mfa.recovery_missing"
	msgQRLabel         = "mfa.qr_label"
)

// attempt runs one second-factor check of a pending login, counted on
// the account's second-factor throttle before the code is looked at
// (NIST SP 800-63B §5.2.2), as a password attempt is.
func (l *Login) attempt(r *http.Request, p *Pending, check func() error) error {
	if err := l.Accounts.ReserveSecondFactor(r.Context(), p.AccountID); err != nil {
		return err
	}
	return check()
}

// errNoSealer: the instance was built without Config.MasterKey.
var errNoSealer = errors.New("login: no sealer for TOTP secrets (Config.MasterKey unset)")

func (l *Login) verifyTOTP(r *http.Request, accountID, code string) error {
	if l.Sealer == nil {
		return errNoSealer
	}
	return l.Accounts.Store.VerifyTOTP(r.Context(), l.Sealer, accountID, code)
}

// codeFailed answers a refused code: the form again with a message, a
// throttle wait, or — after maxPendingFailures wrong codes — the page
// that asks to log in again.
func (l *Login) codeFailed(w http.ResponseWriter, r *http.Request, p *Pending, page string, data *secondFactorPage, err error) {
	var throttled *account.ThrottledError
	switch {
	case errors.As(err, &throttled):
		l.recordSecondFactor(r, p.AccountID, err, nil)
		secs := int(math.Ceil(throttled.RetryAfter.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		data.Errors = fieldError("code", msgThrottled, secs)
		l.Portal.Render(w, r, http.StatusTooManyRequests, page, data)
	case errors.Is(err, account.ErrCodeInvalid), errors.Is(err, account.ErrNoTOTP):
		l.recordSecondFactor(r, p.AccountID, err, map[string]string{"page": page})
		dropped, ferr := l.pending().fail(r.Context(), p)
		if ferr != nil || dropped {
			l.pendingFailed(w, r, ferr, true)
			return
		}
		data.Errors = fieldError("code", msgCodeWrong)
		l.Portal.Render(w, r, http.StatusUnprocessableEntity, page, data)
	case errors.Is(err, ErrNoPending):
		l.pendingFailed(w, r, nil, false)
	default:
		l.Portal.ServerError(w, r, err)
	}
}

// secondFactorReason names a failure in the audit log.
func secondFactorReason(err error) string {
	switch {
	case errors.Is(err, account.ErrThrottled):
		return "throttled"
	case errors.Is(err, account.ErrCodeInvalid), errors.Is(err, account.ErrNoTOTP):
		return "invalid_code"
	}
	return "error"
}
