package idp

import (
	"context"
	"net/http"

	"mvnk/audit"
)

// AuditRecorder writes security events to the audit log (*audit.Log).
type AuditRecorder interface {
	Record(ctx context.Context, e audit.Event) error
}

// record logs an admin action and writes it to the audit log: the actor
// is the client whose mvnk.admin token made the call. An audit failure is
// logged as an error; the change itself has already been committed.
func (a *AdminAPI) record(r *http.Request, kind, clientID string, details map[string]string) {
	by := actor(r.Context())
	a.Logger.Info("admin: "+kind, "client_id", clientID, "by", by)
	if a.Audit == nil {
		return
	}
	err := a.Audit.Record(r.Context(), audit.Event{
		Type: kind, Actor: by, ActorKind: audit.ActorClient, ClientID: by, Subject: clientID,
		IP: r.RemoteAddr, UserAgent: r.UserAgent(), Details: details,
	})
	if err != nil {
		a.Logger.Error("admin: audit log write failed", "event", kind, "err", err)
	}
}
