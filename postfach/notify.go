package postfach

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"

	"mvnk/internal/mail"
	"mvnk/store/jobs"
)

// JobNotify is the e-mail notice of a new message (payload: the message
// id); Create enqueues it when Store.Notices is set, the handler is
// Notifier.Notify.
const JobNotify = "postfach.notify"

// Addresses finds the address a citizen gave for notices (OZG § 9 S. 6);
// "" means none, and the notice is skipped.
type Addresses interface {
	NoticeAddress(ctx context.Context, accountID string) (string, error)
}

// MailQueue is mail.Outbox: Queue stores the mail in the caller's
// transaction, the job runner sends it.
type MailQueue interface {
	Queue(ctx context.Context, ex jobs.Execer, m mail.Message) error
}

var _ MailQueue = (*mail.Outbox)(nil)

// Notifier sends the e-mail notice of the provision: without any content
// of the message, with a link to the inbox. Time and address of the
// notice are evidence (OZG § 9 S. 5–6; § 41 Abs. 2a VwVfG counts its ten
// days from it).
type Notifier struct {
	Store     *Store
	Addresses Addresses
	Mail      MailQueue
	InboxURL  string // absolute address of the citizen's inbox
	Log       *slog.Logger
}

// Notify is the handler of JobNotify. In one transaction it records the
// notice (MarkNotified's conditional UPDATE and audit event) and queues
// the mail, so a rerun — a retry, a second node — never sends twice, and
// a failed queue records nothing. A deleted message, an account without
// address and an address the mail system refuses are skipped.
func (n *Notifier) Notify(ctx context.Context, messageID string) error {
	m, err := n.Store.messageWhere(ctx, "id = $1 AND deleted_at IS NULL", messageID)
	if errors.Is(err, ErrNoMessage) || (err == nil && m.NotifiedAt != nil) {
		return nil
	}
	if err != nil {
		return err
	}
	addr, err := n.Addresses.NoticeAddress(ctx, m.Mailbox.AccountID)
	if err != nil || addr == "" {
		if err == nil {
			n.Log.Info("postfach: no notice address, notice skipped", "message", m.ID)
		}
		return err
	}
	err = n.Store.db.InTx(ctx, func(tx *sql.Tx) error {
		first, err := n.Store.markNotifiedTx(ctx, tx, m.ID, addr, n.Store.now())
		if !first || err != nil {
			return err
		}
		return n.Mail.Queue(ctx, tx, noticeMail(m, addr, n.InboxURL))
	})
	if errors.Is(err, mail.ErrPermanent) {
		n.Log.Warn("postfach: notice refused by the mail system", "message", m.ID, "err", err)
		return nil // a retry would fail the same way
	}
	return err
}
