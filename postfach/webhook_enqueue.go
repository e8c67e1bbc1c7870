package postfach

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"mvnk/store"
	"mvnk/store/jobs"
)

// WebhookEvent is what happened to a message. It carries ids and times
// only, never message content: a callback is a notification, the sender
// fetches details through the API (egov-standards §5.7).
type WebhookEvent struct {
	Type          string    // one of WebhookEventTypes
	MessageID     string    // the message concerned
	ApplicationID string    // the Vorgang, if the message has one
	ReplyID       string    // reply.created: the citizen's reply
	OccurredAt    time.Time // zero: now
}

// webhookBody is the JSON sent; id lets a receiver drop a repeated
// delivery (delivery is at least once).
type webhookBody struct {
	ID            string `json:"id"`
	Type          string `json:"type"`
	MessageID     string `json:"message_id"`
	ApplicationID string `json:"application_id,omitempty"`
	ReplyID       string `json:"reply_id,omitempty"`
	OccurredAt    string `json:"occurred_at"` // RFC 3339, Europe/Berlin offset
	// The Berlin day of occurred_at, YYYY-MM-DD, for message.bekanntgegeben
	// (the deemed-notified day) and message.not_retrieved (the provision's end).
	DeemedNotifiedOn string `json:"deemed_notified_on,omitempty"`
	ProvisionEndedOn string `json:"provision_ended_on,omitempty"`
}

// Enqueue records event for clientID's endpoint through ex, which should
// be the transaction of the change that caused it: the event is committed
// with that change or not at all, and the job runner delivers it even if
// this node dies right after the commit. A client without an endpoint, or
// not subscribed to the type, gets nothing.
func (w *Webhooks) Enqueue(ctx context.Context, ex jobs.Execer, clientID string, event WebhookEvent) error {
	if !slices.Contains(WebhookEventTypes, event.Type) {
		return fmt.Errorf("%w: %q", ErrWebhookEventType, event.Type)
	}
	id := store.NewID()
	body, err := w.webhookBody(id, event)
	if err != nil {
		return err
	}
	// INSERT … SELECT writes the row only when the subscription exists:
	// ex may be a transaction we can't query through.
	res, err := ex.ExecContext(ctx, `INSERT INTO postfach_webhook_events
		(id, client_id, event_type, body, created_at, updated_at)
		SELECT $1, client_id, event_type, $4, CAST($5 AS BIGINT), CAST($5 AS BIGINT)
		FROM postfach_webhook_subscriptions WHERE client_id = $2 AND event_type = $3`,
		id, clientID, event.Type, body, store.Micros(w.opts.Now()))
	if err != nil {
		return store.Classify(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	return jobs.Enqueue(ctx, ex, jobs.Job{Kind: JobWebhookDeliver, Payload: id,
		UniqueKey: JobWebhookDeliver + ":" + id, MaxAttempts: w.opts.Attempts})
}

func (w *Webhooks) webhookBody(id string, e WebhookEvent) (string, error) {
	if e.OccurredAt.IsZero() {
		e.OccurredAt = w.opts.Now()
	}
	body := webhookBody{ID: id, Type: e.Type, MessageID: e.MessageID,
		ApplicationID: e.ApplicationID, ReplyID: e.ReplyID, OccurredAt: berlinRFC3339(e.OccurredAt)}
	switch e.Type {
	case WebhookMessageBekanntgegeben:
		body.DeemedNotifiedOn = berlinDay(&e.OccurredAt)
	case WebhookMessageNotRetrieved:
		body.ProvisionEndedOn = berlinDay(&e.OccurredAt)
	}
	b, err := json.Marshal(body)
	return string(b), err
}
