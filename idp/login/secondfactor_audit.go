package login

import (
	"net/http"
	"strings"

	"mvnk/audit"
)

// RecordMFA writes an MFA change of an account (audit.MFATOTPEnrolled,
// audit.MFATOTPRemoved, audit.MFARecoveryRenewed …) to the audit
// log; details name the factor, never a code (audit package doc).
func (l *Login) RecordMFA(r *http.Request, accountID, eventType string, details map[string]string) {
	if l.Audit == nil {
		return
	}
	e := audit.Event{Type: eventType, Actor: accountID, ActorKind: audit.ActorAccount,
		Subject: accountID, IP: clientIP(r), UserAgent: r.UserAgent(), Details: details}
	if err := l.Audit.Record(r.Context(), e); err != nil {
		l.Log.Error("login: audit log write failed", "err", err)
	}
}

// recordSecondFactor writes the end of a pending login: a login success
// with its amr, or a failed second factor with its reason.
func (l *Login) recordSecondFactor(r *http.Request, accountID string, err error, details map[string]string) {
	if err == nil {
		l.RecordMFA(r, accountID, audit.LoginSuccess, details)
		return
	}
	if details == nil {
		details = map[string]string{}
	}
	details["reason"] = secondFactorReason(err)
	l.RecordMFA(r, accountID, audit.SecondFactorFailure, details)
}

func joinAMR(amr []string) string { return strings.Join(amr, " ") }
