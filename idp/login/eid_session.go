package login

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"

	"mvnk/audit"
	"mvnk/eid"
	"mvnk/eid/trust"
)

// startEIDSession replaces the browser's session by one at the level the
// eID proved (acr as the STORK name; the provider names it in the
// client's vocabulary), auth_time now.
func (l *Login) startEIDSession(w http.ResponseWriter, r *http.Request, accountID string, level trust.Level, amr []string) error {
	if old := l.cookieID(r); old != "" {
		if err := l.Sessions.Delete(r.Context(), old); err != nil {
			return err
		}
	}
	id, _, err := l.Sessions.Create(r.Context(), accountID, level.String(), amr)
	if err != nil {
		return err
	}
	l.setCookie(w, id, l.Sessions.Absolute)
	l.record(r, audit.Event{Type: audit.LoginSuccess, Actor: accountID, Details: map[string]string{"acr": level.String()}})
	return l.Portal.RenewCSRF(w, r)
}

// recordEID writes an identification's outcome to the audit log, with
// the hash of the evidence (the signed assertion or SOAP response).
func (l *Login) recordEID(r *http.Request, actor string, res *eid.Result, err error) {
	e := audit.Event{Type: "eid.identification.success", Actor: actor, Details: map[string]string{"bridge": l.Bridge.Name()}}
	if err != nil {
		e.Type, e.Details["reason"] = "eid.identification.failure", err.Error()
	} else {
		e.Details["level"], e.Details["means"] = res.Level.String(), string(res.Means)
		sum := sha256.Sum256(res.Raw) // ties the event to the evidence kept by the bridge
		e.Details["evidence_sha256"] = hex.EncodeToString(sum[:])
	}
	l.record(r, e)
}

// record writes an audit event of the browser's request.
func (l *Login) record(r *http.Request, e audit.Event) {
	if l.Audit == nil {
		return
	}
	e.ActorKind, e.IP, e.UserAgent = audit.ActorAccount, clientIP(r), r.UserAgent()
	if err := l.Audit.Record(r.Context(), e); err != nil {
		l.Log.Error("login: audit log write failed", "err", err)
	}
}
