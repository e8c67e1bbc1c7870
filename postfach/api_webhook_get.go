package postfach

import (
	"errors"
	"net/http"
	"time"

	"mvnk/store"
)

// webhookView is a client's webhook registration. Secret is only in the
// answer that made it (PUT of a new endpoint, POST /webhook/secret).
type webhookView struct {
	URL       string    `json:"url"`
	Events    []string  `json:"events"`
	Secret    string    `json:"secret,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// errNoWebhook: the client has no endpoint (or the server no webhooks).
var errNoWebhook = &apiRequestError{probNotFound, "Für diesen Client ist kein Webhook eingetragen."}

// getWebhook answers the calling client's registration, without secret.
func (a *API) getWebhook(w http.ResponseWriter, r *http.Request) {
	e, err := a.webhookEndpoint(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeAPIJSON(w, http.StatusOK, webhookView{URL: e.URL, Events: e.Events, CreatedAt: inBerlin(e.CreatedAt), UpdatedAt: inBerlin(e.UpdatedAt)})
}

func (a *API) webhookEndpoint(r *http.Request) (WebhookEndpoint, error) {
	if a.Webhooks == nil {
		return WebhookEndpoint{}, errNoWebhook
	}
	e, err := a.Webhooks.Endpoint(r.Context(), apiClient(r.Context()))
	if errors.Is(err, store.ErrNotFound) {
		err = errNoWebhook
	}
	return e, err
}
