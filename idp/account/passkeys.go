package account

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-webauthn/webauthn/webauthn"

	"mvnk/store"
)

// Limits of an account's passkeys.
const (
	MaxPasskeys       = 20 // enough for every device a person owns
	MaxPasskeyNameLen = 64 // characters
)

// Errors of the passkey store.
var (
	ErrPasskeyName     = errors.New("passkey name must be 1 to 64 printable characters")
	ErrTooManyPasskeys = fmt.Errorf("%w: at most %d passkeys per account", store.ErrConflict, MaxPasskeys)
	ErrPasskeyExists   = fmt.Errorf("%w: passkey already registered", store.ErrConflict)
	// ErrNoPasskey wraps store.ErrNotFound.
	ErrNoPasskey = fmt.Errorf("%w: no such passkey", store.ErrNotFound)
)

// Passkey is a WebAuthn credential of an account. Credential carries the
// sign count and backup flags of their columns, which every login updates.
type Passkey struct {
	ID         string // the credential id, base64url
	AccountID  string
	Name       string
	Credential webauthn.Credential
	CreatedAt  time.Time
	LastUsedAt time.Time // zero: never used
}

// Synced reports the backup state (BS): the passkey is kept in a cloud
// keychain, not on one device only (WebAuthn L3 §6.1.3).
func (p *Passkey) Synced() bool { return p.Credential.Flags.BackupState }

// CredentialID is the base64url form of a raw credential id.
func CredentialID(raw []byte) string { return base64.RawURLEncoding.EncodeToString(raw) }

// CheckPasskeyName trims a chosen name and checks its length and that it
// has no control characters.
func CheckPasskeyName(name string) (string, error) {
	name = strings.TrimSpace(name)
	n := utf8.RuneCountInString(name)
	if n == 0 || n > MaxPasskeyNameLen || !utf8.ValidString(name) || strings.ContainsFunc(name, unicode.IsControl) {
		return name, ErrPasskeyName
	}
	return name, nil
}

// WebAuthnUserHandle returns the account's user handle, creating it on
// first use: 32 random bytes, never the account id, so an authenticator
// learns nothing about the account (WebAuthn L3 §14.6.1).
func (s *Store) WebAuthnUserHandle(ctx context.Context, accountID string) ([]byte, error) {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	_, err := s.db.ExecContext(ctx, `INSERT INTO account_webauthn_users (account_id, user_handle)
		VALUES ($1, $2) ON CONFLICT (account_id) DO NOTHING`, accountID, CredentialID(b[:]))
	if err != nil { // the foreign key may have found no account
		if _, getErr := s.GetByID(ctx, accountID); getErr != nil {
			return nil, getErr
		}
		return nil, store.Classify(err)
	}
	var handle string
	err = s.db.QueryRowContext(ctx, `SELECT user_handle FROM account_webauthn_users
		WHERE account_id = $1`, accountID).Scan(&handle)
	if err != nil {
		return nil, fmt.Errorf("webauthn user handle: %w", store.Classify(err))
	}
	return base64.RawURLEncoding.DecodeString(handle)
}

// AccountByUserHandle is the account id a user handle belongs to.
func (s *Store) AccountByUserHandle(ctx context.Context, handle []byte) (string, error) {
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT account_id FROM account_webauthn_users
		WHERE user_handle = $1`, CredentialID(handle)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNoAccount
	}
	return id, store.Classify(err)
}

// AddPasskey stores a credential just registered. The account's row is
// locked while its passkeys are counted, so two nodes cannot both add
// the twentieth.
func (s *Store) AddPasskey(ctx context.Context, accountID, name string, cred *webauthn.Credential) (*Passkey, error) {
	name, err := CheckPasskeyName(name)
	if err != nil {
		return nil, err
	}
	p := &Passkey{ID: CredentialID(cred.ID), AccountID: accountID, Name: name, Credential: *cred, CreatedAt: s.now()}
	err = s.db.InTx(ctx, func(tx *sql.Tx) error {
		if err := s.roomForPasskey(ctx, tx, accountID); err != nil {
			return err
		}
		return s.insertPasskey(ctx, tx, p)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

func (s *Store) roomForPasskey(ctx context.Context, tx *sql.Tx, accountID string) error {
	if _, err := s.getWhere(ctx, tx, "id = $1"+s.forUpdate(), accountID); err != nil {
		return err
	}
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM account_passkeys WHERE account_id = $1`, accountID).Scan(&n)
	if err != nil {
		return store.Classify(err)
	}
	if n >= MaxPasskeys {
		return ErrTooManyPasskeys
	}
	return nil
}

func (s *Store) insertPasskey(ctx context.Context, tx *sql.Tx, p *Passkey) error {
	raw, err := json.Marshal(p.Credential)
	if err != nil {
		return err
	}
	c := p.Credential
	_, err = tx.ExecContext(ctx, `INSERT INTO account_passkeys (id, account_id, name, credential,
		sign_count, backup_eligible, backup_state, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		p.ID, p.AccountID, p.Name, string(raw), int64(c.Authenticator.SignCount),
		c.Flags.BackupEligible, c.Flags.BackupState, store.Micros(p.CreatedAt))
	if err = store.Classify(err); errors.Is(err, store.ErrConflict) {
		return ErrPasskeyExists
	}
	return err
}
