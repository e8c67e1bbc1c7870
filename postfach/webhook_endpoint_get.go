package postfach

import (
	"context"
	"fmt"

	"mvnk/store"
)

// Endpoint returns clientID's registration (store.ErrNotFound if none).
func (w *Webhooks) Endpoint(ctx context.Context, clientID string) (WebhookEndpoint, error) {
	e := WebhookEndpoint{ClientID: clientID}
	var created, updated int64
	err := w.db.QueryRowContext(ctx, `SELECT url, created_at, updated_at FROM postfach_webhook_endpoints
		WHERE client_id = $1`, clientID).Scan(&e.URL, &created, &updated)
	if err != nil {
		return e, fmt.Errorf("webhook endpoint %s: %w", clientID, store.Classify(err))
	}
	e.CreatedAt, e.UpdatedAt = store.FromMicros(created), store.FromMicros(updated)
	e.Events, err = w.webhookSubscriptions(ctx, clientID)
	return e, err
}

func (w *Webhooks) webhookSubscriptions(ctx context.Context, clientID string) ([]string, error) {
	rows, err := w.db.QueryContext(ctx, `SELECT event_type FROM postfach_webhook_subscriptions
		WHERE client_id = $1 ORDER BY event_type`, clientID)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	var events []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		events = append(events, e)
	}
	return events, rows.Err()
}

// webhookSecret opens clientID's sealed secret for signing.
func (w *Webhooks) webhookSecret(clientID, sealed string) ([]byte, error) {
	secret, err := w.sealer.Open(sealed, webhookSecretAD(clientID))
	if err != nil {
		return nil, fmt.Errorf("open webhook secret of %s: %w", clientID, err)
	}
	return secret, nil
}
