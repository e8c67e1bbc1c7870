package account

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
)

// check verifies the password. Every path computes exactly one argon2id
// hash — against a dummy when there is no account or no password — so
// unknown and known logins take about the same time.
func (a *Authenticator) check(ctx context.Context, acct *Account, at Attempt) (bool, error) {
	hash := a.dummy
	if acct != nil && acct.PasswordHash != "" {
		hash = acct.PasswordHash
	}
	ok, err := a.Hasher.Verify(ctx, at.Password, hash)
	if errors.Is(err, errMalformedHash) {
		a.Logger.Error("account: stored password hash unreadable", "account", acct.ID)
		_, err = a.Hasher.Verify(ctx, at.Password, a.dummy)
		ok = false
	}
	if err != nil || !ok || hash == a.dummy {
		return false, err
	}
	return acct.State != Disabled && (at.AnyKind || acct.MayUseClient(at.StaffClient)), nil
}

// succeed finishes a correct password: counters reset, a hash with old
// parameters replaced (OWASP Password Storage: upgrade on login).
func (a *Authenticator) succeed(ctx context.Context, acct *Account, at Attempt) (*Account, error) {
	if err := a.Store.resetAccount(ctx, acct.ID); err != nil {
		return nil, err
	}
	if at.IP != "" {
		if err := a.Store.releaseIP(ctx, at.IP); err != nil {
			return nil, err
		}
	}
	if acct.State == Pending {
		return acct, ErrNotConfirmed
	}
	if NeedsRehash(acct.PasswordHash, a.Hasher.Params) {
		a.rehash(ctx, acct, at.Password)
	}
	return acct, nil
}

// rehash stores a hash with the current parameters. A failure is logged,
// not fatal: the old hash still works and the next login tries again.
func (a *Authenticator) rehash(ctx context.Context, acct *Account, password string) {
	hash, err := a.Hasher.Hash(ctx, password)
	if err == nil {
		err = a.Store.replaceHash(ctx, acct.ID, acct.PasswordHash, hash)
	}
	if err != nil {
		a.Logger.Warn("account: rehash failed", "account", acct.ID, "err", err)
		return
	}
	acct.PasswordHash = hash
}

// orElse returns err if set, else fallback.
func orElse(err, fallback error) error {
	if err != nil {
		return err
	}
	return fallback
}

// randomSecret is a password for the dummy hash that nobody can match.
func randomSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return base64.RawStdEncoding.EncodeToString(b[:])
}
