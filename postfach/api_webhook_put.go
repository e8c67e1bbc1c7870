package postfach

import "net/http"

// webhookRequest is the body of PUT /webhook.
type webhookRequest struct {
	URL    string   `json:"url"`
	Events []string `json:"events"`
}

// putWebhook registers or replaces the calling client's endpoint
// (Webhooks.Register). A new endpoint's secret is in this answer only; a
// replaced endpoint keeps its secret. An invalid URL or event type is
// refused before anything is stored.
func (a *API) putWebhook(w http.ResponseWriter, r *http.Request) {
	if requestMediaType(r) != "application/json" {
		a.fail(w, r, &apiRequestError{probMediaType, "Der Inhalt muss application/json sein."})
		return
	}
	var req webhookRequest
	if err := decodeAPIJSON(http.MaxBytesReader(w, r.Body, 64<<10), &req); err != nil {
		a.fail(w, r, err)
		return
	}
	if a.Webhooks == nil {
		a.fail(w, r, errNoWebhook)
		return
	}
	secret, err := a.Webhooks.Register(r.Context(), apiClient(r.Context()), req.URL, req.Events)
	var e WebhookEndpoint
	if err == nil {
		e, err = a.webhookEndpoint(r)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeAPIJSON(w, http.StatusOK, webhookView{URL: e.URL, Events: e.Events, Secret: secret,
		CreatedAt: inBerlin(e.CreatedAt), UpdatedAt: inBerlin(e.UpdatedAt)})
}
