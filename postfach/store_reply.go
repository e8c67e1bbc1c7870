package postfach

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"

	"mvnk/audit"
	"mvnk/eid/trust"
	"mvnk/store"
)

// CreateReply stores the citizen's reply to message messageID of
// accountID's mailbox. The session level must satisfy the message's
// required level (ErrLevelTooLow), the message must allow replies
// (ErrReplyNotAllowed); body 1..MaxReplyBody characters, attachments under
// the same media type, size and count limits as messages (*InvalidError;
// see validateReply). SHA512 and Size are computed where empty. Body and
// attachment contents are encrypted with the mailbox key, the contents go
// to the Blobs store before the transaction (removed again if it fails);
// the reply, the audit event EventReplyCreated and the webhook
// reply.created to the message's sender commit together.
func (s *Store) CreateReply(ctx context.Context, accountID, messageID string, level trust.Level, body string, atts []Attachment) (*Reply, error) {
	m, err := s.messageWhere(ctx, "id = $1 AND account_id = $2 AND deleted_at IS NULL", messageID, accountID)
	if err != nil {
		return nil, err
	}
	switch {
	case !m.Readable(level):
		return nil, ErrLevelTooLow
	case !m.ReplyAllowed:
		return nil, ErrReplyNotAllowed
	}
	atts = slices.Clone(atts) // ids and hashes are filled in; the caller's slice stays as it was
	fillHashes(atts)
	if errs := validateReply(body, atts); errs != nil {
		return nil, &InvalidError{Fields: errs}
	}
	key, err := s.mailboxKey(ctx, s.db, accountID)
	if err != nil {
		return nil, err
	}
	r := &Reply{ID: store.NewID(), MessageID: m.ID, Body: body, Attachments: atts, CreatedAt: s.now()}
	if err := s.putAttachments(ctx, key, r.Attachments); err != nil {
		return nil, err
	}
	err = s.db.InTx(ctx, func(tx *sql.Tx) error { return s.insertReply(ctx, tx, key, m, r) })
	if err != nil {
		s.dropBlobs(ctx, r.Attachments)
		return nil, err
	}
	return r, nil
}

func (s *Store) insertReply(ctx context.Context, tx *sql.Tx, key mailboxKey, m *Message, r *Reply) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO postfach_replies (id, message_id, account_id, body, created_at)
		VALUES ($1, $2, $3, $4, $5)`, r.ID, m.ID, m.Mailbox.AccountID,
		encode(key.seal([]byte(r.Body), r.ID)), store.Micros(r.CreatedAt))
	if err != nil {
		return store.Classify(err)
	}
	for i, a := range r.Attachments {
		_, err := tx.ExecContext(ctx, `INSERT INTO postfach_reply_attachments (id, reply_id, position,
			filename, media_type, size, sha512) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			a.ID, r.ID, i, a.Filename, a.MediaType, a.Size, a.SHA512)
		if err != nil {
			return store.Classify(err)
		}
	}
	err = s.recordTx(ctx, tx, audit.Event{Type: EventReplyCreated, Actor: m.Mailbox.AccountID,
		ActorKind: audit.ActorAccount, ClientID: m.Sender.ClientID, Subject: r.ID, Time: r.CreatedAt,
		Details: map[string]string{"message": m.ID, "attachments": strconv.Itoa(len(r.Attachments))}})
	if err != nil {
		return err
	}
	return s.enqueueEvent(ctx, tx, m.Sender.ClientID, WebhookEvent{Type: WebhookReplyCreated,
		MessageID: m.ID, ApplicationID: m.ApplicationID, ReplyID: r.ID, OccurredAt: r.CreatedAt})
}

// messageWhere reads one message's clear columns (no body, no
// attachments); cond selects it with numbered placeholders.
func (s *Store) messageWhere(ctx context.Context, cond string, args ...any) (*Message, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+messageColumns+` FROM postfach_messages WHERE `+cond, args...)
	m, err := scanMessage(row)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNoMessage
	}
	return m, err
}
