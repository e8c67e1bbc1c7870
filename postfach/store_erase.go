package postfach

import (
	"context"
	"database/sql"
	"strconv"

	"mvnk/audit"
	"mvnk/store"
)

// EventMailboxErased: an account's Postfach was erased with the account.
const EventMailboxErased = "postfach.mailbox.erased"

// EraseMailbox deletes everything of an account's Postfach — messages,
// attachments, replies, status timelines, settings and the mailbox's data
// key — when the account itself is deleted. Without the key, a copy of
// a sealed body in a backup can't be opened any more. Blobs go after the
// commit; one left over by a crash is removed by SweepOrphanBlobs. The
// audit evidence of provision and retrieval stays (OZG § 9 S. 5).
func (s *Store) EraseMailbox(ctx context.Context, accountID string) error {
	files, err := s.attachmentRows(ctx, `SELECT a.id, a.filename, a.media_type, a.size, a.sha512
		FROM postfach_attachments a JOIN postfach_messages m ON m.id = a.message_id WHERE m.account_id = $1
		UNION ALL SELECT a.id, a.filename, a.media_type, a.size, a.sha512
		FROM postfach_reply_attachments a JOIN postfach_replies r ON r.id = a.reply_id WHERE r.account_id = $1`, accountID)
	if err != nil {
		return err
	}
	var messages int64
	err = s.db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM postfach_messages WHERE account_id = $1`, accountID)
		if err != nil {
			return store.Classify(err)
		}
		messages, _ = res.RowsAffected() // attachments and replies go with them (ON DELETE CASCADE)
		for _, q := range []string{`DELETE FROM postfach_replies WHERE account_id = $1`,
			`DELETE FROM postfach_status WHERE account_id = $1`, `DELETE FROM postfach_mailbox_senders WHERE account_id = $1`,
			`DELETE FROM postfach_mailboxes WHERE account_id = $1`} {
			if _, err := tx.ExecContext(ctx, q, accountID); err != nil {
				return store.Classify(err)
			}
		}
		return s.recordTx(ctx, tx, audit.Event{Type: EventMailboxErased, ActorKind: audit.ActorSystem, Subject: accountID,
			Details: map[string]string{"messages": strconv.FormatInt(messages, 10)}})
	})
	if err != nil {
		return err
	}
	s.dropBlobs(ctx, files)
	return nil
}
