package login

import (
	"errors"
	"net/http"

	"github.com/go-webauthn/webauthn/webauthn"

	"mvnk/audit"
	"mvnk/idp/account"
)

var (
	// errPasskeyInvalid: the assertion or attestation did not verify
	// (go-webauthn's error is joined to it, for the log).
	errPasskeyInvalid = errors.New("login: passkey response invalid")
	// errAccountInactive: a valid passkey of a disabled or unconfirmed
	// account; it is answered like any failed passkey.
	errAccountInactive = errors.New("login: account not active")
)

// passkeyFailed answers a failed passkey request with its problem.
func (l *Login) passkeyFailed(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, ErrNoCeremony):
		WritePasskeyProblem(w, r, http.StatusBadRequest, PasskeyExpired)
	case errors.Is(err, ErrTooManyCeremonies):
		w.Header().Set("Retry-After", "60")
		WritePasskeyProblem(w, r, http.StatusTooManyRequests, PasskeyBusy)
	case errors.Is(err, ErrNoPending):
		WritePasskeyProblem(w, r, http.StatusBadRequest, PasskeyNoPending)
	case errors.Is(err, errNoRelyingParty):
		WritePasskeyProblem(w, r, http.StatusNotFound, PasskeyOff)
	case errors.Is(err, account.ErrPasskeyCloned):
		WritePasskeyProblem(w, r, http.StatusBadRequest, PasskeyCloned)
	case errors.Is(err, errPasskeyInvalid), errors.Is(err, errAccountInactive),
		errors.Is(err, account.ErrNoPasskey), errors.Is(err, account.ErrNoAccount):
		l.Log.Info("login: passkey refused", "err", err)
		WritePasskeyProblem(w, r, http.StatusBadRequest, PasskeyFailed)
	default:
		l.passkeyServerError(w, r, err)
	}
}

func (l *Login) passkeyServerError(w http.ResponseWriter, r *http.Request, err error) {
	l.Log.Error("login: passkey", "path", r.URL.Path, "err", err)
	WritePasskeyProblem(w, r, http.StatusInternalServerError, PasskeyServer)
}

// recordPasskeyLogin writes a passwordless login to the audit log: the
// account when the passkey named one, the passkey's id and the amr or
// the reason of a failure; never the assertion.
func (l *Login) recordPasskeyLogin(r *http.Request, acct *account.Account, cred *webauthn.Credential, err error) {
	if l.Audit == nil || errors.Is(err, ErrNoCeremony) {
		return // an expired ceremony proved nothing about anyone
	}
	e := audit.Event{Type: audit.LoginSuccess, ActorKind: audit.ActorAccount, IP: clientIP(r),
		UserAgent: r.UserAgent(), Details: map[string]string{"method": "passkey"}}
	if acct != nil {
		e.Actor = acct.ID
	}
	if cred != nil {
		e.Details["passkey"] = account.CredentialID(cred.ID)
	}
	if err != nil {
		e.Type, e.Details["reason"] = audit.LoginFailure, passkeyReason(err)
	} else {
		e.Details["amr"] = joinAMR(append(passkeyAMR(cred), amrMFA))
	}
	if werr := l.Audit.Record(r.Context(), e); werr != nil {
		l.Log.Error("login: audit log write failed", "err", werr)
	}
}

func passkeyReason(err error) string {
	switch {
	case errors.Is(err, account.ErrPasskeyCloned):
		return "passkey_cloned"
	case errors.Is(err, errAccountInactive):
		return "account_inactive"
	case errors.Is(err, errPasskeyInvalid), errors.Is(err, account.ErrNoPasskey):
		return "passkey_invalid"
	}
	return "error"
}
