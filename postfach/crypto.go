package postfach

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"

	"mvnk/store"
)

// ErrUndecryptable: a body or attachment did not open under its mailbox
// key (changed ciphertext, wrong id, or another key).
var ErrUndecryptable = errors.New("postfach: content cannot be decrypted")

// Sealer is keys.Sealer: it wraps the mailbox data keys under the master key.
type Sealer interface {
	Seal(plain []byte, ad string) (string, error)
	Open(sealed, ad string) ([]byte, error)
}

// mailboxKey is one mailbox's data key as an AEAD with random nonces.
type mailboxKey struct{ aead cipher.AEAD }

func newMailboxKey(raw []byte) (mailboxKey, error) {
	block, err := aes.NewCipher(raw)
	if err != nil {
		return mailboxKey{}, err
	}
	aead, err := cipher.NewGCMWithRandomNonce(block)
	return mailboxKey{aead}, err
}

// seal encrypts plain bound to id (message or attachment id), so a
// ciphertext moved to another row does not open.
func (k mailboxKey) seal(plain []byte, id string) []byte {
	return k.aead.Seal(nil, nil, plain, []byte("mvnk/postfach/"+id))
}

func (k mailboxKey) open(sealed []byte, id string) ([]byte, error) {
	plain, err := k.aead.Open(nil, nil, sealed, []byte("mvnk/postfach/"+id))
	if err != nil {
		return nil, ErrUndecryptable
	}
	return plain, nil
}

func keyAD(accountID string) string { return "postfach.mailbox:" + accountID }

// ensureMailbox creates the mailbox row with a fresh data key unless it
// exists, then returns its key. ON CONFLICT DO NOTHING lets two first
// messages race without error; both then read the winner's key.
func (s *Store) ensureMailbox(ctx context.Context, mb Mailbox) (mailboxKey, error) {
	raw := make([]byte, 32)
	_, _ = rand.Read(raw)
	sealed, err := s.sealer.Seal(raw, keyAD(mb.AccountID))
	if err != nil {
		return mailboxKey{}, err
	}
	now := store.Micros(s.now())
	_, err = s.db.ExecContext(ctx, `INSERT INTO postfach_mailboxes (account_id, handle, data_key,
		created_at, updated_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT (account_id) DO NOTHING`,
		mb.AccountID, mb.Handle, sealed, now)
	if err != nil {
		return mailboxKey{}, store.Classify(err)
	}
	return s.mailboxKey(ctx, s.db, mb.AccountID)
}

type querier interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// mailboxKey reads and unwraps an existing mailbox's key.
func (s *Store) mailboxKey(ctx context.Context, q querier, accountID string) (mailboxKey, error) {
	var sealed string
	err := q.QueryRowContext(ctx, `SELECT data_key FROM postfach_mailboxes WHERE account_id = $1`,
		accountID).Scan(&sealed)
	if err != nil {
		return mailboxKey{}, fmt.Errorf("postfach: mailbox key: %w", store.Classify(err))
	}
	raw, err := s.sealer.Open(sealed, keyAD(accountID))
	if err != nil {
		return mailboxKey{}, err
	}
	return newMailboxKey(raw)
}
