package postfach

import (
	"context"
	"database/sql"
	"time"

	"mvnk/audit"
	"mvnk/store"
)

// Delete is the citizen's delete of a message. A Bescheid with a
// Bekanntgabe rule stays until its Bekanntgabe is final — effective, or
// the provision ended — since the citizen's copy is the proof of access.
//
// The delete is soft: the row keeps the delivery facts its sender reads
// (GET /messages/{id} is the sender's evidence) and its Idempotency-Key,
// so a sender's retry does not deliver it again. The body is emptied,
// the attachments (rows and blobs) and the replies go, and every read of
// the citizen treats the message as gone. EraseMailbox removes the row.
func (s *Store) Delete(ctx context.Context, accountID, id string) error {
	m, err := s.Get(ctx, accountID, id)
	if err != nil {
		return err
	}
	now := s.now()
	if !m.Deletable(now) {
		return ErrBekanntgabePending
	}
	replyFiles, err := s.attachmentRows(ctx, `SELECT a.id, a.filename, a.media_type, a.size, a.sha512
		FROM postfach_reply_attachments a JOIN postfach_replies r ON r.id = a.reply_id
		WHERE r.message_id = $1`, id)
	if err != nil {
		return err
	}
	err = s.db.InTx(ctx, func(tx *sql.Tx) error { return s.softDeleteTx(ctx, tx, m, now) })
	if err == nil {
		s.dropBlobs(ctx, m.Attachments) // after the commit: a failed delete keeps them
		s.dropBlobs(ctx, replyFiles)    // (a crash in between leaves orphans for SweepOrphanBlobs)
	}
	return err
}

func (s *Store) softDeleteTx(ctx context.Context, tx *sql.Tx, m *Message, now time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE postfach_messages SET deleted_at = $1, body = ''
		WHERE id = $2 AND account_id = $3 AND deleted_at IS NULL`, store.Micros(now), m.ID, m.Mailbox.AccountID)
	if ok, err := affected(res, err); err != nil || !ok {
		return orNotFound(err) // a concurrent delete came first
	}
	for _, q := range []string{
		`DELETE FROM postfach_reply_attachments WHERE reply_id IN
			(SELECT id FROM postfach_replies WHERE message_id = $1)`,
		`DELETE FROM postfach_replies WHERE message_id = $1`,
		`DELETE FROM postfach_attachments WHERE message_id = $1`,
	} {
		if _, err := tx.ExecContext(ctx, q, m.ID); err != nil {
			return store.Classify(err)
		}
	}
	return s.recordTx(ctx, tx, audit.Event{Type: EventDeleted, Actor: m.Mailbox.AccountID,
		ActorKind: audit.ActorAccount, Subject: m.ID, Time: now, Details: map[string]string{"kind": string(m.Kind)}})
}
