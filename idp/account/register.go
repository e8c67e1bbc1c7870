package account

import (
	"context"
	"strings"
	"time"
)

// ConfirmTTL and ResetTTL are how long the links in the e-mails work.
const (
	ConfirmTTL = 24 * time.Hour
	ResetTTL   = time.Hour
)

// PasswordError lists the password rules a new password breaks, as
// message keys (Message gives the German text).
type PasswordError struct{ Problems []string }

func (e *PasswordError) Error() string {
	return "password refused: " + strings.Join(e.Problems, ", ")
}

// Create stores a new account (see Store.Create); a non-empty password is
// checked against the policy and stored as an argon2id hash. Without a
// password, or with an unconfirmed e-mail address, it stays pending.
func (a *Authenticator) Create(ctx context.Context, acct *Account, password string) error {
	if err := a.setPassword(ctx, acct, password); err != nil {
		return err
	}
	return a.Store.Create(ctx, acct)
}

func (a *Authenticator) setPassword(ctx context.Context, acct *Account, password string) error {
	if password == "" {
		return nil
	}
	if problems := CheckPassword(password, acct.Username, acct.Email); len(problems) > 0 {
		return &PasswordError{Problems: problems}
	}
	hash, err := a.Hasher.Hash(ctx, password)
	acct.PasswordHash = hash
	return err
}

// Register is the self-registration of a Bürgerkonto: a pending citizen
// account at Basisregistrierung, whose e-mail address is self-declared
// until the returned single-use token comes back through ConfirmEmail.
func (a *Authenticator) Register(ctx context.Context, username, email, password string) (*Account, string, error) {
	if password == "" {
		return nil, "", &PasswordError{Problems: []string{PwTooShort}}
	}
	acct := &Account{Kind: Citizen, Username: username, Email: email, TrustLevel: LevelBasisregistrierung}
	if err := a.Create(ctx, acct, password); err != nil {
		return nil, "", err
	}
	token, err := a.Store.IssueToken(ctx, acct.ID, PurposeConfirmEmail, ConfirmTTL)
	return acct, token, err
}

// ConfirmEmail uses up a confirm-email token. It confirms the address the
// link was sent to, not one changed since; the account becomes active.
func (a *Authenticator) ConfirmEmail(ctx context.Context, token string) (*Account, error) {
	use, err := a.Store.consume(ctx, token, PurposeConfirmEmail)
	if err != nil {
		return nil, err
	}
	return a.Store.Update(ctx, use.accountID, func(acct *Account) error {
		if normEmail(acct.Email) != use.emailNorm {
			return ErrTokenInvalid
		}
		acct.EmailVerified = true
		return nil
	})
}
