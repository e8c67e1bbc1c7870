package mail

import (
	"context"
	"log/slog"
	"time"

	"mvnk/portal"
	"mvnk/store"
)

// DevMailbox is the Sender of a development instance without an SMTP
// server: it keeps each mail in the table mail_dev, shown at /dev/mail,
// and logs recipient and subject (never the body: it may hold one-time
// links).
type DevMailbox struct {
	db    *store.DB
	log   *slog.Logger
	shell *portal.Portal // set by AddPages
	now   func() time.Time
}

// NewDevMailbox returns the dev mailbox. Only dev mode may use it.
func NewDevMailbox(db *store.DB, logger *slog.Logger) *DevMailbox {
	return &DevMailbox{db: db, log: logger, now: time.Now}
}

// devMail is one stored mail.
type devMail struct {
	ID, Kind, To, Subject, Text, HTML string
	Received                          time.Time
}

// Send stores m. A retried delivery of the same outbox mail is stored once.
func (d *DevMailbox) Send(ctx context.Context, m Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if m.ID == "" {
		m.ID = store.NewID()
	}
	_, err := d.db.ExecContext(ctx, `INSERT INTO mail_dev
		(id, kind, recipient, subject, text_body, html_body, received_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
		m.ID, m.Kind, m.To, m.Subject, m.Text, m.HTML, store.Micros(d.now()))
	if err != nil {
		return store.Classify(err)
	}
	d.log.InfoContext(ctx, "mail to "+m.To+": "+m.Subject, "kind", m.Kind, "view", "/dev/mail/"+m.ID)
	return nil
}

const devColumns = `id, kind, recipient, subject, text_body, html_body, received_at`

// list returns the newest mails first.
func (d *DevMailbox) list(ctx context.Context, limit int) ([]devMail, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+devColumns+` FROM mail_dev
		ORDER BY received_at DESC, id LIMIT $1`, limit)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	var out []devMail
	for rows.Next() {
		m, err := scanDev(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, store.Classify(rows.Err())
}

func (d *DevMailbox) get(ctx context.Context, id string) (devMail, error) {
	return scanDev(d.db.QueryRowContext(ctx, `SELECT `+devColumns+` FROM mail_dev WHERE id = $1`, id))
}

func scanDev(row interface{ Scan(...any) error }) (devMail, error) {
	var m devMail
	var us int64
	err := row.Scan(&m.ID, &m.Kind, &m.To, &m.Subject, &m.Text, &m.HTML, &us)
	m.Received = store.FromMicros(us)
	return m, store.Classify(err)
}
