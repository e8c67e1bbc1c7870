package idp

import (
	"net/http"

	"mvnk/audit"
)

// clientList is the answer of GET /admin/v1/clients.
type clientList struct {
	Clients []ClientResource `json:"clients"`
}

func (a *AdminAPI) listClients(w http.ResponseWriter, r *http.Request) {
	list, err := a.Clients.ListClients(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := clientList{Clients: make([]ClientResource, 0, len(list))}
	for _, c := range list {
		out.Clients = append(out.Clients, c.Resource(""))
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *AdminAPI) getClient(w http.ResponseWriter, r *http.Request) {
	c, err := a.Clients.GetClient(r.Context(), r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c.Resource(""))
}

func (a *AdminAPI) deleteClient(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := a.Clients.DeleteClient(r.Context(), id); err != nil {
		a.fail(w, r, err)
		return
	}
	a.record(r, audit.AdminClientDeleted, id, nil)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
}
