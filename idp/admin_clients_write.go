package idp

import (
	"maps"
	"net/http"
	"strconv"

	"mvnk/audit"
)

// createClient registers a client; the answer carries the plain secret,
// the only time it is ever shown (201, Location of the new client).
func (a *AdminAPI) createClient(w http.ResponseWriter, r *http.Request) {
	var p ClientPatch
	if err := decodeJSON(w, r, &p); err != nil {
		a.fail(w, r, err)
		return
	}
	c, secret, err := RegisterClient(r.Context(), a.Clients, p)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.record(r, audit.AdminClientCreated, c.ID, p.AuditDetails())
	w.Header().Set("Location", "/admin/v1/clients/"+c.ID)
	writeJSON(w, http.StatusCreated, c.Resource(secret))
}

// replaceClient (PUT) sets every field: omitted ones get their defaults.
func (a *AdminAPI) replaceClient(w http.ResponseWriter, r *http.Request) {
	a.change(w, r, ClientChange{Replace: true}, true)
}

// patchClient (PATCH) changes only the fields present; null or omitted
// fields stay as they are.
func (a *AdminAPI) patchClient(w http.ResponseWriter, r *http.Request) {
	a.change(w, r, ClientChange{}, true)
}

// rotateSecret replaces the client's secret and shows the new one once.
func (a *AdminAPI) rotateSecret(w http.ResponseWriter, r *http.Request) {
	a.change(w, r, ClientChange{RotateSecret: true}, false)
}

func (a *AdminAPI) change(w http.ResponseWriter, r *http.Request, ch ClientChange, hasBody bool) {
	if hasBody {
		if err := decodeJSON(w, r, &ch.Patch); err != nil {
			a.fail(w, r, err)
			return
		}
	}
	c, secret, err := ChangeClient(r.Context(), a.Clients, r.PathValue("id"), ch)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	details := map[string]string{"replace": strconv.FormatBool(ch.Replace), "new_secret": strconv.FormatBool(secret != "")}
	p := ch.Patch
	if ch.Replace && p.PostfachSenders == nil { // PUT cleared the list
		p.PostfachSenders = &[]string{}
	}
	maps.Copy(details, p.AuditDetails())
	a.record(r, audit.AdminClientUpdated, c.ID, details)
	writeJSON(w, http.StatusOK, c.Resource(secret))
}
