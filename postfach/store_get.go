package postfach

import (
	"context"
	"errors"
	"fmt"

	"mvnk/store"
)

// Get returns message id of the account with its decrypted body and its
// attachments' metadata (not their contents: see Attachment). A message
// the citizen deleted is ErrNoMessage.
func (s *Store) Get(ctx context.Context, accountID, id string) (*Message, error) {
	var body string
	row := s.db.QueryRowContext(ctx, `SELECT `+messageColumns+`, body FROM postfach_messages
		WHERE id = $1 AND account_id = $2 AND deleted_at IS NULL`, id, accountID)
	m, err := scanMessage(row, &body)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNoMessage
	}
	if err != nil {
		return nil, err
	}
	if m.Body, err = s.openBody(ctx, m, body); err != nil {
		return nil, err
	}
	m.Attachments, err = s.attachments(ctx, m.ID)
	return m, err
}

// GetForSender returns message id if clientID delivered it, without body
// and attachments: a sender sees the delivery facts, not the content —
// of a message the citizen deleted too (DeletedAt).
func (s *Store) GetForSender(ctx context.Context, clientID, id string) (*Message, error) {
	return s.messageWhere(ctx, "id = $1 AND sender_client = $2", id, clientID)
}

func (s *Store) openBody(ctx context.Context, m *Message, body string) (string, error) {
	key, err := s.mailboxKey(ctx, s.db, m.Mailbox.AccountID)
	if err != nil {
		return "", err
	}
	raw, err := decode(body)
	if err != nil {
		return "", ErrUndecryptable
	}
	plain, err := key.open(raw, m.ID)
	return string(plain), err
}

func (s *Store) attachments(ctx context.Context, messageID string) ([]Attachment, error) {
	return s.attachmentRows(ctx, `SELECT id, filename, media_type, size, sha512
		FROM postfach_attachments WHERE message_id = $1 ORDER BY position`, messageID)
}

// attachmentRows reads attachment metadata rows (id, filename, media
// type, size, sha512) of query q.
func (s *Store) attachmentRows(ctx context.Context, q string, args ...any) ([]Attachment, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	var list []Attachment
	for rows.Next() {
		var a Attachment
		if err := rows.Scan(&a.ID, &a.Filename, &a.MediaType, &a.Size, &a.SHA512); err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}

// Attachment returns attachment attID of message id with its decrypted
// content. The caller has checked the session's level (Message.Readable).
func (s *Store) Attachment(ctx context.Context, accountID, id, attID string) (*Attachment, error) {
	m, err := s.Get(ctx, accountID, id)
	if err != nil {
		return nil, err
	}
	for _, a := range m.Attachments {
		if a.ID == attID {
			return s.readAttachment(ctx, m.Mailbox.AccountID, a)
		}
	}
	return nil, fmt.Errorf("%w: attachment %s", store.ErrNotFound, attID)
}

func (s *Store) readAttachment(ctx context.Context, accountID string, a Attachment) (*Attachment, error) {
	key, err := s.mailboxKey(ctx, s.db, accountID)
	if err != nil {
		return nil, err
	}
	sealed, err := s.blobs.Get(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	a.Content, err = key.open(sealed, a.ID)
	return &a, err
}
