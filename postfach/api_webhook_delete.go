package postfach

import (
	"errors"
	"net/http"

	"mvnk/store"
)

// deleteWebhook removes the calling client's endpoint; events not yet
// delivered are dropped (Webhooks.DeleteEndpoint).
func (a *API) deleteWebhook(w http.ResponseWriter, r *http.Request) {
	err := error(errNoWebhook)
	if a.Webhooks != nil {
		err = a.Webhooks.DeleteEndpoint(r.Context(), apiClient(r.Context()))
	}
	if errors.Is(err, store.ErrNotFound) {
		err = errNoWebhook
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
}
