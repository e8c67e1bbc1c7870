package postfach

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"

	"mvnk/store"
)

// ErrIdempotencyKeyReused: a client sent an Idempotency-Key again with a
// message of other content. Answering with the first message's id would
// lose the second one silently; nothing is stored.
var ErrIdempotencyKeyReused = errors.New("postfach: idempotency key reused for another message")

// idempotencyContent is what makes two requests the same message: the
// normalized fields (after setDefaults) and the attachments' names, types
// and hashes — not how the request framed them (JSON or multipart).
type idempotencyContent struct {
	Recipient     string           `json:"recipient"`
	Kind          Kind             `json:"kind"`
	Subject       string           `json:"subject"`
	Body          string           `json:"body"`
	Sender        string           `json:"sender"`
	Service       string           `json:"service"`
	LeikaID       string           `json:"leika_id"`
	Reference     string           `json:"reference"`
	ApplicationID string           `json:"application_id"`
	Level         int              `json:"level"`
	ReplyAllowed  bool             `json:"reply_allowed"`
	ReplyTo       string           `json:"reply_to"`
	Rule          Rule             `json:"rule"`
	Attachments   []idempotencyAtt `json:"attachments"`
}

type idempotencyAtt struct {
	Filename  string `json:"filename"`
	MediaType string `json:"media_type"`
	SHA512    string `json:"sha512"`
}

// contentHash is the hex SHA-256 of m's idempotencyContent.
func contentHash(m *Message) string {
	c := idempotencyContent{Recipient: m.Mailbox.Handle, Kind: m.Kind, Subject: m.Subject,
		Body: m.Body, Sender: m.Sender.Name, Service: m.Service, LeikaID: m.LeikaID,
		Reference: m.Reference, ApplicationID: m.ApplicationID, Level: int(m.RequiredLevel),
		ReplyAllowed: m.ReplyAllowed, ReplyTo: m.ReplyTo, Rule: m.Rule,
		Attachments: make([]idempotencyAtt, 0, len(m.Attachments))}
	for _, a := range m.Attachments {
		c.Attachments = append(c.Attachments, idempotencyAtt{Filename: a.Filename,
			MediaType: a.MediaType, SHA512: strings.ToLower(a.SHA512)})
	}
	raw, _ := json.Marshal(c) // plain strings, ints and bools: cannot fail
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

// idempotent finds clientID's earlier message under key: its id, or
// ErrIdempotencyKeyReused when its content hash differs from hash (a row
// from before hashes were kept has none and matches), or
// store.ErrNotFound. A message the citizen deleted is still found.
func (s *Store) idempotent(ctx context.Context, clientID, key, hash string) (string, error) {
	if key == "" {
		return "", store.ErrNotFound
	}
	var id string
	var stored sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT id, idempotency_hash FROM postfach_messages
		WHERE sender_client = $1 AND idempotency_key = $2`, clientID, key).Scan(&id, &stored)
	if err != nil {
		return "", store.Classify(err)
	}
	if stored.Valid && stored.String != hash {
		return "", ErrIdempotencyKeyReused
	}
	return id, nil
}
