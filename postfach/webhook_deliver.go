package postfach

import (
	"context"
	"errors"
	"fmt"
	"time"

	"mvnk/store"
)

// webhookJob is one pending event with its endpoint, as Deliver needs it.
type webhookJob struct {
	id, clientID, eventType, body string
	url, sealed                   string
	hasEndpoint                   bool
	attempt                       int
}

// Deliver is the handler of JobWebhookDeliver: one signed POST of the
// event with id eventID. An error makes the runner retry with back-off;
// the attempt that reaches WebhookOptions.Attempts marks the event failed.
// Every attempt is written to the delivery log.
func (w *Webhooks) Deliver(ctx context.Context, eventID string) error {
	j, err := w.startWebhookAttempt(ctx, eventID)
	if errors.Is(err, store.ErrNotFound) {
		return nil // delivered, failed or purged already
	}
	if err != nil {
		return err
	}
	if !j.hasEndpoint {
		w.log.Info("postfach: webhook dropped, endpoint removed", "event", j.id, "client", j.clientID)
		return w.finishWebhook(ctx, j, "dropped")
	}
	secret, err := w.webhookSecret(j.clientID, j.sealed)
	if err != nil {
		// Logged as an attempt like any other failure, so the event still
		// ends as failed when the attempts run out.
		return w.recordWebhookAttempt(ctx, j, 0, err, 0)
	}
	started := time.Now()
	code, sendErr := w.post(ctx, j.url, secret, []byte(j.body))
	return w.recordWebhookAttempt(ctx, j, code, sendErr, time.Since(started))
}

// startWebhookAttempt loads a pending event and counts the attempt before
// sending, so the count matches the runner's even if this node dies
// during the request.
func (w *Webhooks) startWebhookAttempt(ctx context.Context, eventID string) (webhookJob, error) {
	j := webhookJob{id: eventID}
	err := w.db.QueryRowContext(ctx, `UPDATE postfach_webhook_events SET attempts = attempts + 1, updated_at = $2
		WHERE id = $1 AND state = 'pending' RETURNING client_id, event_type, body, attempts`,
		eventID, store.Micros(w.opts.Now())).Scan(&j.clientID, &j.eventType, &j.body, &j.attempt)
	if err != nil {
		return j, store.Classify(err)
	}
	err = w.db.QueryRowContext(ctx, `SELECT url, secret_sealed FROM postfach_webhook_endpoints
		WHERE client_id = $1`, j.clientID).Scan(&j.url, &j.sealed)
	j.hasEndpoint = err == nil
	if err = store.Classify(err); errors.Is(err, store.ErrNotFound) {
		err = nil
	}
	return j, err
}

// recordWebhookAttempt logs the attempt and sets the event's state. The
// send error is returned (so the runner retries) unless this was the last
// attempt the runner makes.
func (w *Webhooks) recordWebhookAttempt(ctx context.Context, j webhookJob, code int, sendErr error, took time.Duration) error {
	outcome := "delivered"
	switch {
	case sendErr == nil:
	case j.attempt >= w.opts.Attempts:
		outcome = "failed"
	default:
		outcome = "retry"
	}
	if err := w.logWebhookAttempt(ctx, j, code, sendErr, took, outcome); err != nil {
		return err
	}
	if outcome != "retry" {
		if err := w.finishWebhook(ctx, j, outcome); err != nil {
			return err
		}
	}
	if sendErr != nil {
		w.log.Warn("postfach: webhook attempt failed", "event", j.id, "client", j.clientID,
			"attempt", j.attempt, "status", code, "err", sendErr)
		return fmt.Errorf("webhook %s to %s: %w", j.id, j.clientID, sendErr)
	}
	return nil
}

func (w *Webhooks) finishWebhook(ctx context.Context, j webhookJob, state string) error {
	_, err := w.db.ExecContext(ctx, `UPDATE postfach_webhook_events SET state = $2, updated_at = $3
		WHERE id = $1 AND state = 'pending'`, j.id, state, store.Micros(w.opts.Now()))
	return store.Classify(err)
}
