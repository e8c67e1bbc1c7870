package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"

	"mvnk/store"
)

// Purpose binds a token to what it may be used for.
type Purpose string

const (
	PurposeConfirmEmail  Purpose = "confirm-email"
	PurposeResetPassword Purpose = "reset-password"
	PurposeChangeEmail   Purpose = "change-email" // email_norm is the new address (email_change.go)
)

// ErrTokenInvalid is the one answer for an unknown, expired, used or
// foreign token: the page needs no more to say "request a new link".
var ErrTokenInvalid = errors.New("link token invalid, expired or used")

// IssueToken creates a single-use token for the account and purpose,
// valid for ttl, bound to the account's current e-mail address. It returns
// the plain token (256 random bits, base64url) for the link; only its
// SHA-256 is stored, so a database leak yields no usable link.
func (s *Store) IssueToken(ctx context.Context, accountID string, purpose Purpose, ttl time.Duration) (string, error) {
	var raw [32]byte
	_, _ = rand.Read(raw[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	plain := base64.RawURLEncoding.EncodeToString(raw[:])
	res, err := s.db.ExecContext(ctx, `INSERT INTO account_tokens (hash, account_id, purpose, email_norm, expires_at)
		SELECT CAST($1 AS TEXT), id, CAST($2 AS TEXT), email_norm, CAST($3 AS BIGINT) FROM accounts WHERE id = $4`,
		tokenHash(plain), string(purpose), store.Micros(s.now().Add(ttl)), accountID)
	if err != nil {
		return "", store.Classify(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return "", ErrNoAccount
	}
	return plain, nil
}

func tokenHash(plain string) string {
	sum := sha256.Sum256([]byte(plain))
	return hex.EncodeToString(sum[:])
}

// tokenUse is what a valid token names: its account and the address it
// was sent to.
type tokenUse struct{ accountID, emailNorm string }

// CheckToken reports whether a token is valid without using it up, so a
// page can show the form behind a link (and refuse a bad new password
// without burning the link). It returns the account id.
func (s *Store) CheckToken(ctx context.Context, plain string, purpose Purpose) (string, error) {
	u, err := s.tokenQuery(ctx, `SELECT account_id, email_norm FROM account_tokens
		WHERE hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1`, plain, purpose)
	return u.accountID, err
}

// ConsumeToken uses a token up in one statement: of two parallel uses,
// exactly one succeeds. It returns the account id.
func (s *Store) ConsumeToken(ctx context.Context, plain string, purpose Purpose) (string, error) {
	u, err := s.consume(ctx, plain, purpose)
	return u.accountID, err
}

func (s *Store) consume(ctx context.Context, plain string, purpose Purpose) (tokenUse, error) {
	return s.tokenQuery(ctx, `UPDATE account_tokens SET used_at = $1
		WHERE hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1
		RETURNING account_id, email_norm`, plain, purpose)
}

func (s *Store) tokenQuery(ctx context.Context, query, plain string, purpose Purpose) (tokenUse, error) {
	var u tokenUse
	err := s.db.QueryRowContext(ctx, query, store.Micros(s.now()), tokenHash(plain), string(purpose)).
		Scan(&u.accountID, &u.emailNorm)
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrTokenInvalid
	}
	return u, store.Classify(err)
}

// Purge deletes used and expired tokens and throttle counters older than
// the window; a periodic job calls it.
func (s *Store) Purge(ctx context.Context, window time.Duration) (int64, error) {
	now := store.Micros(s.now())
	res, err := s.db.ExecContext(ctx, `DELETE FROM account_tokens WHERE expires_at <= $1 OR used_at IS NOT NULL`, now)
	if err != nil {
		return 0, store.Classify(err)
	}
	tokens, _ := res.RowsAffected()
	res, err = s.db.ExecContext(ctx, `DELETE FROM login_throttle WHERE last_at < $1`, now-window.Microseconds())
	if err != nil {
		return tokens, store.Classify(err)
	}
	counters, _ := res.RowsAffected()
	return tokens + counters, nil
}
