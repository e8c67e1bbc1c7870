package idp

import (
	"net/http"
	"net/url"

	"mvnk/audit"
)

// record writes a security event of the provider to the audit log, if one
// is configured. Tokens never go into it, only who did what.
func (p *Provider) record(r *http.Request, kind, clientID string, details map[string]string) {
	if p.cfg.Audit == nil {
		return
	}
	err := p.cfg.Audit.Record(r.Context(), audit.Event{
		Type: kind, Actor: clientID, ActorKind: audit.ActorClient, ClientID: clientID,
		IP: r.RemoteAddr, UserAgent: r.UserAgent(), Details: details,
	})
	if err != nil {
		p.log.Error("idp: audit log write failed", "event", kind, "err", err)
	}
}

// requestClientID is the client a token endpoint request names: in HTTP
// Basic (RFC 6749 §2.3.1, form-encoded) or in the body.
func requestClientID(r *http.Request) string {
	if id, _, ok := r.BasicAuth(); ok {
		if dec, err := url.QueryUnescape(id); err == nil {
			return dec
		}
		return id
	}
	return r.PostFormValue("client_id")
}
