package mail

import (
	"context"
	"log/slog"
	"time"

	"mvnk/store"
	"mvnk/store/jobs"
)

// Job kinds of the mail component; the runner needs a handler for each.
const (
	JobSend  = "mail.send"  // payload: the outbox id; handler: (*Outbox).Deliver
	JobPurge = "mail.purge" // periodic; handler: (*Outbox).Purge
)

// sendAttempts bounds the retries of one mail. With the runner's back-off
// (10 s doubling, capped at an hour) 48 attempts span about two days of
// SMTP outage; after that the job stays 'failed' in the jobs table.
const sendAttempts = 48

// Outbox queues mails in the caller's transaction and delivers them from
// the job runner.
type Outbox struct {
	db     *store.DB
	sender Sender
	log    *slog.Logger
	now    func() time.Time
}

// NewOutbox returns the outbox that delivers through sender.
func NewOutbox(db *store.DB, sender Sender, logger *slog.Logger) *Outbox {
	return &Outbox{db: db, sender: sender, log: logger, now: time.Now}
}

// Queue stores m and enqueues its delivery through ex, which should be the
// transaction of the action that causes the mail: if it rolls back, no
// mail is sent; if it commits, the mail is sent even if the SMTP server is
// down right now. A malformed message is refused here, not on delivery.
func (o *Outbox) Queue(ctx context.Context, ex jobs.Execer, m Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	id, now := store.NewID(), store.Micros(o.now())
	_, err := ex.ExecContext(ctx, `INSERT INTO mail_outbox
		(id, kind, recipient, subject, text_body, html_body, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
		id, m.Kind, m.To, m.Subject, m.Text, m.HTML, now)
	if err != nil {
		return store.Classify(err)
	}
	return jobs.Enqueue(ctx, ex, jobs.Job{Kind: JobSend, Payload: id, UniqueKey: JobSend + ":" + id, MaxAttempts: sendAttempts})
}
