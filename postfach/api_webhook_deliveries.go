package postfach

import (
	"net/http"
	"strconv"
	"time"
)

// deliveryView is one attempt of the delivery log.
type deliveryView struct {
	EventID    string    `json:"event_id"`
	EventType  string    `json:"event_type"`
	Attempt    int       `json:"attempt"`
	At         time.Time `json:"at"`
	StatusCode int       `json:"status_code"` // 0: no answer
	Error      string    `json:"error,omitempty"`
	DurationMS int64     `json:"duration_ms"`
	Outcome    string    `json:"outcome"`
}

type deliveryList struct {
	Deliveries []deliveryView `json:"deliveries"`
}

// Bounds of GET /webhook/deliveries?limit=.
const (
	defaultDeliveries = 50
	maxDeliveries     = 200
)

// listWebhookDeliveries answers the client's newest delivery attempts,
// newest first. The log outlives a removed endpoint (kept 30 days).
func (a *API) listWebhookDeliveries(w http.ResponseWriter, r *http.Request) {
	limit := defaultDeliveries
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxDeliveries {
			a.fail(w, r, &apiRequestError{probMalformed, "limit muss eine Zahl von 1 bis 200 sein."})
			return
		}
		limit = n
	}
	if a.Webhooks == nil {
		a.fail(w, r, errNoWebhook)
		return
	}
	log, err := a.Webhooks.ListDeliveries(r.Context(), apiClient(r.Context()), limit)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := deliveryList{Deliveries: make([]deliveryView, 0, len(log))}
	for _, d := range log {
		out.Deliveries = append(out.Deliveries, deliveryView{EventID: d.EventID, EventType: d.EventType,
			Attempt: d.Attempt, At: inBerlin(d.At), StatusCode: d.StatusCode, Error: d.Error,
			DurationMS: d.Duration.Milliseconds(), Outcome: d.Outcome})
	}
	writeAPIJSON(w, http.StatusOK, out)
}
