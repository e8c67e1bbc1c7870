package account

import (
	"context"

	"mvnk/store"
)

// RequestPasswordReset ("Passwort vergessen") returns a reset token and
// its account when login (e-mail address or username) names an account
// that is not disabled, and ("", nil, nil) otherwise. The caller queues
// the e-mail only when there is a token, through the mail outbox (so the
// answer does not wait for SMTP), and ALWAYS shows the same page with
// MsgResetSent: the answer never reveals whether an account exists.
func (a *Authenticator) RequestPasswordReset(ctx context.Context, login string) (string, *Account, error) {
	acct, err := a.Store.GetByLogin(ctx, login)
	if isNotFound(err) || (err == nil && acct.State == Disabled) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	token, err := a.Store.IssueToken(ctx, acct.ID, PurposeResetPassword, ResetTTL)
	if err != nil {
		return "", nil, err
	}
	return token, acct, nil
}

// ResetPassword sets a new password with a reset token. The password is
// checked before the token is used up, so a refused password does not
// burn the link.
func (a *Authenticator) ResetPassword(ctx context.Context, token, password string) (*Account, error) {
	id, err := a.Store.CheckToken(ctx, token, PurposeResetPassword)
	if err != nil {
		return nil, err
	}
	acct, err := a.Store.GetByID(ctx, id)
	if err != nil || acct.State == Disabled {
		return nil, orElse(err, ErrTokenInvalid)
	}
	if password == "" {
		return nil, &PasswordError{Problems: []string{PwTooShort}}
	}
	if err := a.setPassword(ctx, acct, password); err != nil {
		return nil, err
	}
	return a.applyReset(ctx, token, acct.PasswordHash)
}

// applyReset uses the token up and stores the hash. The link proves the
// mailbox, so the address counts as confirmed; the account's other reset
// links and its throttle counter are cleared.
func (a *Authenticator) applyReset(ctx context.Context, token, hash string) (*Account, error) {
	use, err := a.Store.consume(ctx, token, PurposeResetPassword)
	if err != nil {
		return nil, err
	}
	acct, err := a.Store.Update(ctx, use.accountID, func(acct *Account) error {
		if normEmail(acct.Email) != use.emailNorm {
			return ErrTokenInvalid
		}
		acct.PasswordHash, acct.EmailVerified = hash, true
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, err := a.Store.db.ExecContext(ctx, `UPDATE account_tokens SET used_at = $1
		WHERE account_id = $2 AND purpose = $3 AND used_at IS NULL`,
		store.Micros(a.Store.now()), acct.ID, string(PurposeResetPassword)); err != nil {
		return nil, store.Classify(err)
	}
	return acct, a.Store.resetAccount(ctx, acct.ID)
}

// SetPassword replaces an account's password (operator or self-service
// console), checked against the policy.
func (a *Authenticator) SetPassword(ctx context.Context, id, password string) (*Account, error) {
	acct, err := a.Store.GetByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if password == "" {
		return nil, &PasswordError{Problems: []string{PwTooShort}}
	}
	if err := a.setPassword(ctx, acct, password); err != nil {
		return nil, err
	}
	return a.Store.Update(ctx, id, func(cur *Account) error { cur.PasswordHash = acct.PasswordHash; return nil })
}
