package mail

import (
	"context"
	"time"

	"mvnk/store"
)

// Retention of mail rows. Bodies may carry one-time links; they are
// short-lived and stored in plain text, so sent mail is kept only a week.
const (
	keepDelivered = 7 * 24 * time.Hour  // sent or rejected
	keepQueued    = 30 * 24 * time.Hour // undeliverable; its job gave up long before
	keepDev       = 7 * 24 * time.Hour  // dev mailbox entries
)

// Purge is the handler of the periodic job JobPurge (daily is enough): it
// deletes delivered mail after seven days, mail that never got out after
// thirty, and dev mailbox entries after seven.
func (o *Outbox) Purge(ctx context.Context, _ string) error {
	now := o.now()
	deletes := []struct {
		query string
		keep  time.Duration
	}{
		{`DELETE FROM mail_outbox WHERE state <> 'queued' AND updated_at < $1`, keepDelivered},
		{`DELETE FROM mail_outbox WHERE state = 'queued' AND created_at < $1`, keepQueued},
		{`DELETE FROM mail_dev WHERE received_at < $1`, keepDev},
	}
	for _, d := range deletes {
		if _, err := o.db.ExecContext(ctx, d.query, store.Micros(now.Add(-d.keep))); err != nil {
			return store.Classify(err)
		}
	}
	return nil
}
