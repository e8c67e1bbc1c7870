package mail

import (
	"context"
	"errors"
	"fmt"

	"mvnk/store"
)

// Deliver is the handler of JobSend: it sends the queued mail with the
// given id and marks it sent. A transient error is returned, so the runner
// retries with back-off; a permanent one marks the mail rejected. A mail
// that is gone (purged) or already sent is not sent again.
func (o *Outbox) Deliver(ctx context.Context, id string) error {
	m, state, err := o.load(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		o.log.Warn("mail: queued mail not found", "id", id)
		return nil
	}
	if err != nil {
		return err
	}
	if state != "queued" {
		return nil
	}
	err = o.sender.Send(ctx, m)
	switch {
	case errors.Is(err, ErrPermanent):
		o.log.Warn("mail: rejected", "id", id, "kind", m.Kind, "err", err)
		return o.mark(ctx, id, "rejected", err.Error())
	case err != nil:
		return fmt.Errorf("send mail %s: %w", id, err)
	}
	o.log.Info("mail: sent", "id", id, "kind", m.Kind)
	return o.mark(ctx, id, "sent", "")
}

func (o *Outbox) load(ctx context.Context, id string) (Message, string, error) {
	m := Message{ID: id}
	var state string
	err := o.db.QueryRowContext(ctx, `SELECT kind, recipient, subject, text_body, html_body, state
		FROM mail_outbox WHERE id = $1`, id).Scan(&m.Kind, &m.To, &m.Subject, &m.Text, &m.HTML, &state)
	return m, state, store.Classify(err)
}

// mark records the outcome. It runs only after the send, so a crash in
// between means one duplicate mail on the retry (at-least-once, as SMTP
// itself); the stable Message-ID lets mail systems drop the duplicate.
func (o *Outbox) mark(ctx context.Context, id, state, reason string) error {
	var lastErr any
	if reason != "" {
		lastErr = truncate(reason, 2000)
	}
	_, err := o.db.ExecContext(ctx, `UPDATE mail_outbox SET state = $2, last_error = $3, updated_at = $4
		WHERE id = $1 AND state = 'queued'`, id, state, lastErr, store.Micros(o.now()))
	return store.Classify(err)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
