package postfach

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"mvnk/store"
)

// Register creates or updates clientID's endpoint. A new endpoint gets a
// random secret, returned here once; an update keeps the secret and
// returns "" (use RotateSecret for a new one).
func (w *Webhooks) Register(ctx context.Context, clientID, rawURL string, events []string) (secret string, err error) {
	if err := validateWebhookEndpoint(rawURL, events, w.policy); err != nil {
		return "", err
	}
	now := store.Micros(w.opts.Now())
	err = w.db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE postfach_webhook_endpoints SET url = $2, updated_at = $3
			WHERE client_id = $1`, clientID, rawURL, now)
		if err != nil {
			return store.Classify(err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			secret, err = w.insertWebhookEndpoint(ctx, tx, clientID, rawURL, now)
			if err != nil {
				return err
			}
		}
		return replaceWebhookSubscriptions(ctx, tx, clientID, events)
	})
	return secret, err
}

func (w *Webhooks) insertWebhookEndpoint(ctx context.Context, tx *sql.Tx, clientID, rawURL string, now int64) (string, error) {
	secret := newWebhookSecret()
	sealed, err := w.sealer.Seal([]byte(secret), webhookSecretAD(clientID))
	if err != nil {
		return "", err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO postfach_webhook_endpoints
		(client_id, url, secret_sealed, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
		clientID, rawURL, sealed, now)
	return secret, store.Classify(err)
}

func replaceWebhookSubscriptions(ctx context.Context, tx *sql.Tx, clientID string, events []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM postfach_webhook_subscriptions WHERE client_id = $1`, clientID); err != nil {
		return store.Classify(err)
	}
	for _, e := range slices.Compact(slices.Sorted(slices.Values(events))) {
		_, err := tx.ExecContext(ctx, `INSERT INTO postfach_webhook_subscriptions (client_id, event_type)
			VALUES ($1, $2)`, clientID, e)
		if err != nil {
			return store.Classify(err)
		}
	}
	return nil
}

// RotateSecret gives clientID's endpoint a new secret and returns it once.
// Deliveries still pending are signed with the new one.
func (w *Webhooks) RotateSecret(ctx context.Context, clientID string) (string, error) {
	secret := newWebhookSecret()
	sealed, err := w.sealer.Seal([]byte(secret), webhookSecretAD(clientID))
	if err != nil {
		return "", err
	}
	res, err := w.db.ExecContext(ctx, `UPDATE postfach_webhook_endpoints SET secret_sealed = $2, updated_at = $3
		WHERE client_id = $1`, clientID, sealed, store.Micros(w.opts.Now()))
	if err := webhookOneRow(res, err); err != nil {
		return "", fmt.Errorf("rotate webhook secret of %s: %w", clientID, err)
	}
	return secret, nil
}

// DeleteEndpoint removes clientID's endpoint; pending events are dropped.
func (w *Webhooks) DeleteEndpoint(ctx context.Context, clientID string) error {
	res, err := w.db.ExecContext(ctx, `DELETE FROM postfach_webhook_endpoints WHERE client_id = $1`, clientID)
	return webhookOneRow(res, err)
}

// webhookOneRow maps "no row changed" to store.ErrNotFound.
func webhookOneRow(res sql.Result, err error) error {
	if err != nil {
		return store.Classify(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("webhook endpoint: %w", store.ErrNotFound)
	}
	return nil
}
