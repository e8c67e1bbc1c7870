package postfach

import (
	"errors"
	"net/http"

	"mvnk/store"
)

// webhookSecret is the answer of POST /webhook/secret.
type webhookSecret struct {
	Secret string `json:"secret"`
}

// rotateWebhookSecret gives the calling client's endpoint a new secret,
// shown in this answer only; pending deliveries are signed with it.
func (a *API) rotateWebhookSecret(w http.ResponseWriter, r *http.Request) {
	var secret string
	err := error(errNoWebhook)
	if a.Webhooks != nil {
		secret, err = a.Webhooks.RotateSecret(r.Context(), apiClient(r.Context()))
	}
	if errors.Is(err, store.ErrNotFound) {
		err = errNoWebhook
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeAPIJSON(w, http.StatusOK, webhookSecret{Secret: secret})
}
