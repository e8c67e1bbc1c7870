package account

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"mvnk/store"
)

// EmailChangeTTL is how long the link to confirm a new address works.
const EmailChangeTTL = 24 * time.Hour

// RequestEmailChange issues the single-use token that confirms newEmail
// for the account. The address changes only when the token comes back
// through ConfirmEmailChange, so a typo or a stolen session cannot move
// the account to a mailbox nobody proved (NIST SP 800-63B §6.1.2.3 spirit:
// the current address is notified, the new one confirmed). The token row
// keeps the new address, normalized, in email_norm.
func (s *Store) RequestEmailChange(ctx context.Context, accountID, newEmail string) (string, error) {
	newEmail = strings.TrimSpace(newEmail)
	if err := validEmail(newEmail); err != nil {
		return "", err
	}
	if other, err := s.GetByLogin(ctx, newEmail); err == nil {
		if other.ID == accountID {
			return "", &ValidationError{"email", "is already the account's address"}
		}
		return "", ErrEmailTaken
	} else if !isNotFound(err) {
		return "", err
	}
	plain := newTokenPlain()
	res, err := s.db.ExecContext(ctx, `INSERT INTO account_tokens (hash, account_id, purpose, email_norm, expires_at)
		SELECT CAST($1 AS TEXT), id, CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($4 AS BIGINT) FROM accounts WHERE id = $5`,
		tokenHash(plain), string(PurposeChangeEmail), normEmail(newEmail),
		store.Micros(s.now().Add(EmailChangeTTL)), accountID)
	if err != nil {
		return "", store.Classify(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return "", ErrNoAccount
	}
	return plain, nil
}

// ConfirmEmailChange uses up a change-email token and sets the address it
// was issued for, as confirmed. It returns the account and its address
// before the change (for the notice). The account's other open links
// (change, reset, confirm) are used up with it; a reset link sent to the
// old address no longer matches anyway.
func (s *Store) ConfirmEmailChange(ctx context.Context, token string) (*Account, string, error) {
	use, err := s.consume(ctx, token, PurposeChangeEmail)
	if err != nil {
		return nil, "", err
	}
	var old string
	acct, err := s.Update(ctx, use.accountID, func(a *Account) error {
		old = a.Email
		a.Email, a.EmailVerified = use.emailNorm, true
		return nil
	})
	if errors.Is(err, store.ErrConflict) {
		return nil, "", ErrEmailTaken
	}
	if err != nil {
		return nil, "", err
	}
	_, err = s.db.ExecContext(ctx, `UPDATE account_tokens SET used_at = $1
		WHERE account_id = $2 AND used_at IS NULL`, store.Micros(s.now()), acct.ID)
	return acct, old, store.Classify(err)
}

// newTokenPlain is 256 random bits, base64url, as IssueToken makes them.
func newTokenPlain() string {
	var raw [32]byte
	_, _ = rand.Read(raw[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	return base64.RawURLEncoding.EncodeToString(raw[:])
}
