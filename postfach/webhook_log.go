package postfach

import (
	"context"
	"time"

	"mvnk/store"
)

// WebhookDelivery is one attempt in a client's delivery log.
type WebhookDelivery struct {
	EventID    string
	EventType  string
	Attempt    int
	At         time.Time
	StatusCode int    // 0 when no answer came
	Error      string // "" when delivered, else a class (webhookErrorClass)
	Duration   time.Duration
	Outcome    string // delivered | retry | failed
}

func (w *Webhooks) logWebhookAttempt(ctx context.Context, j webhookJob, code int, sendErr error, took time.Duration, outcome string) error {
	var msg any
	if sendErr != nil {
		msg = webhookErrorClass(code, sendErr)
	}
	_, err := w.db.ExecContext(ctx, `INSERT INTO postfach_webhook_deliveries
		(id, event_id, client_id, event_type, attempt, at, status_code, error, duration_us, outcome)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		store.NewID(), j.id, j.clientID, j.eventType, j.attempt, store.Micros(w.opts.Now()),
		code, msg, took.Microseconds(), outcome)
	return store.Classify(err)
}

// ListDeliveries returns clientID's newest delivery attempts, newest first.
func (w *Webhooks) ListDeliveries(ctx context.Context, clientID string, limit int) ([]WebhookDelivery, error) {
	rows, err := w.db.QueryContext(ctx, `SELECT event_id, event_type, attempt, at, status_code,
		COALESCE(error, ''), duration_us, outcome FROM postfach_webhook_deliveries
		WHERE client_id = $1 ORDER BY at DESC, attempt DESC, id LIMIT $2`, clientID, limit)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	var out []WebhookDelivery
	for rows.Next() {
		var d WebhookDelivery
		var at, took int64
		if err := rows.Scan(&d.EventID, &d.EventType, &d.Attempt, &at, &d.StatusCode, &d.Error, &took, &d.Outcome); err != nil {
			return nil, err
		}
		d.At, d.Duration = store.FromMicros(at), time.Duration(took)*time.Microsecond
		out = append(out, d)
	}
	return out, rows.Err()
}

// Purge is the handler of the periodic job JobWebhookPurge: it deletes
// log entries and events older than WebhookOptions.Keep. The runner gives
// up on an event long before (about a day), so nothing pending is lost.
func (w *Webhooks) Purge(ctx context.Context, _ string) error {
	cutoff := store.Micros(w.opts.Now().Add(-w.opts.Keep))
	for _, q := range []string{
		`DELETE FROM postfach_webhook_deliveries WHERE at < $1`,
		`DELETE FROM postfach_webhook_events WHERE updated_at < $1`,
	} {
		if _, err := w.db.ExecContext(ctx, q, cutoff); err != nil {
			return store.Classify(err)
		}
	}
	return nil
}
