package login

import (
	"context"
	"errors"
	"net/http"

	"mvnk/audit"
	"mvnk/idp/account"
)

// Recorder writes security events to the audit log (*audit.Log).
type Recorder interface {
	Record(ctx context.Context, e audit.Event) error
}

// recordLogin writes a login attempt to the audit log. A failure names
// the account only when one matched: the typed login is never recorded,
// since people type passwords into that field.
func (l *Login) recordLogin(r *http.Request, acct *account.Account, err error) {
	if l.Audit == nil {
		return
	}
	e := audit.Event{Type: audit.LoginSuccess, ActorKind: audit.ActorAccount,
		IP: clientIP(r), UserAgent: r.UserAgent()}
	if acct != nil {
		e.Actor = acct.ID
	}
	if err != nil {
		e.Type, e.Details = audit.LoginFailure, map[string]string{"reason": failureReason(err)}
	}
	if werr := l.Audit.Record(r.Context(), e); werr != nil {
		l.Log.Error("login: audit log write failed", "err", werr)
	}
}

func failureReason(err error) string {
	var throttled *account.ThrottledError
	switch {
	case errors.As(err, &throttled):
		return "throttled"
	case errors.Is(err, account.ErrNotConfirmed):
		return "not_confirmed"
	case errors.Is(err, account.ErrInvalidCredentials):
		return "invalid_credentials"
	}
	return "error"
}
