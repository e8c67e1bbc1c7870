package postfach

import (
	"context"
	"errors"
	"fmt"

	"mvnk/store"
)

// Replies lists the citizen's replies to message messageID of accountID's
// mailbox, oldest first, bodies decrypted, attachments without Content.
// Another account's message has none.
func (s *Store) Replies(ctx context.Context, accountID, messageID string) ([]Reply, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, message_id, body, created_at FROM postfach_replies
		WHERE message_id = $1 AND account_id = $2 ORDER BY created_at, id`, messageID, accountID)
	if err != nil {
		return nil, store.Classify(err)
	}
	var list []Reply
	var sealed []string
	for rows.Next() {
		var r Reply
		var body string
		var at int64
		if err := rows.Scan(&r.ID, &r.MessageID, &body, &at); err != nil {
			rows.Close()
			return nil, err
		}
		r.CreatedAt = store.FromMicros(at)
		list, sealed = append(list, r), append(sealed, body)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(list) == 0 {
		return list, err
	}
	for i := range list {
		if err := s.openReply(ctx, accountID, &list[i], sealed[i]); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// ReplyForSender returns reply id, its body decrypted and its
// attachments' metadata, with its message's delivery facts, if clientID
// sent that message: the reply is addressed to it.
func (s *Store) ReplyForSender(ctx context.Context, clientID, id string) (*Reply, *Message, error) {
	r, _, err := s.replyWhere(ctx, "r.id = $1 AND m.sender_client = $2", id, clientID)
	if err != nil {
		return nil, nil, err
	}
	m, err := s.GetForSender(ctx, clientID, r.MessageID)
	return r, m, err
}

// ReplyAttachmentForSender returns attachment attID of reply replyID with
// its decrypted content, if clientID sent the message replied to.
func (s *Store) ReplyAttachmentForSender(ctx context.Context, clientID, replyID, attID string) (*Attachment, error) {
	return s.replyAttachment(ctx, attID, "r.id = $1 AND m.sender_client = $2", replyID, clientID)
}

// ReplyAttachment returns attachment attID of the account's reply replyID
// with its decrypted content (the citizen's copy of what they sent).
func (s *Store) ReplyAttachment(ctx context.Context, accountID, replyID, attID string) (*Attachment, error) {
	return s.replyAttachment(ctx, attID, "r.id = $1 AND r.account_id = $2", replyID, accountID)
}

func (s *Store) replyAttachment(ctx context.Context, attID, cond string, args ...any) (*Attachment, error) {
	r, accountID, err := s.replyWhere(ctx, cond, args...)
	if err != nil {
		return nil, err
	}
	for _, a := range r.Attachments {
		if a.ID == attID {
			return s.readAttachment(ctx, accountID, a)
		}
	}
	return nil, fmt.Errorf("%w: attachment %s", store.ErrNotFound, attID)
}

// replyWhere reads one reply (r) joined with its message (m), opens its
// body and lists its attachments; it also returns the mailbox's account.
func (s *Store) replyWhere(ctx context.Context, cond string, args ...any) (*Reply, string, error) {
	var r Reply
	var accountID, body string
	var at int64
	err := s.db.QueryRowContext(ctx, `SELECT r.id, r.message_id, r.account_id, r.body, r.created_at
		FROM postfach_replies r JOIN postfach_messages m ON m.id = r.message_id WHERE `+cond, args...).
		Scan(&r.ID, &r.MessageID, &accountID, &body, &at)
	if err = store.Classify(err); errors.Is(err, store.ErrNotFound) {
		return nil, "", ErrNoReply
	}
	if err != nil {
		return nil, "", err
	}
	r.CreatedAt = store.FromMicros(at)
	return &r, accountID, s.openReply(ctx, accountID, &r, body)
}

// openReply decrypts the body into r and lists its attachments.
func (s *Store) openReply(ctx context.Context, accountID string, r *Reply, sealed string) error {
	key, err := s.mailboxKey(ctx, s.db, accountID)
	if err != nil {
		return err
	}
	raw, err := decode(sealed)
	if err != nil {
		return ErrUndecryptable
	}
	plain, err := key.open(raw, r.ID)
	if err != nil {
		return err
	}
	r.Body = string(plain)
	r.Attachments, err = s.attachmentRows(ctx, `SELECT id, filename, media_type, size, sha512
		FROM postfach_reply_attachments WHERE reply_id = $1 ORDER BY position`, r.ID)
	return err
}
