package account

import (
	"context"
	"errors"
	"log/slog"
)

// ErrInvalidCredentials is the one answer for an unknown login, a wrong
// password, a disabled account and a client of the other kind, so the
// answer tells an attacker nothing (NIST SP 800-63B §5.2.2; OWASP
// Authentication Cheat Sheet, "Authentication and error messages").
var ErrInvalidCredentials = errors.New("invalid login or password")

// ErrNotConfirmed: the password was right, but the e-mail address is not
// confirmed yet. Only the holder of the password learns this.
var ErrNotConfirmed = errors.New("e-mail address not confirmed")

// Authenticator checks passwords, with throttling shared by all nodes.
type Authenticator struct {
	Store  *Store
	Hasher *Hasher
	Logger *slog.Logger
	th     *throttle
	dummy  string // hash checked for unknown logins, for similar timing
}

// NewAuthenticator wires the store with argon2id parameters p and the
// throttling policy tp.
func NewAuthenticator(st *Store, p Params, tp ThrottlePolicy) *Authenticator {
	return &Authenticator{Store: st, Hasher: NewHasher(p), Logger: slog.New(slog.DiscardHandler),
		th: newThrottle(tp), dummy: hashPassword(randomSecret(), p)}
}

// Attempt is one login: what was typed, the client's address (from the
// trusted proxy; "" skips the per-address counter) and whether the client
// is marked for staff. AnyKind is a login for no client (the account
// console), which either kind of account may make.
type Attempt struct {
	Login, Password, IP string
	StaffClient         bool
	AnyKind             bool
}

// Login authenticates a citizen at a citizen client; see Authenticate.
func (a *Authenticator) Login(ctx context.Context, login, password, ip string) (*Account, error) {
	return a.Authenticate(ctx, Attempt{Login: login, Password: password, IP: ip})
}

// Authenticate checks one attempt. The attempt is counted on the address
// and the account before the password is looked at; a locked counter
// refuses it with *ThrottledError without an oracle on the password.
// A success resets the account's counter. A staff account must still pass
// its second factor (NeedsSecondFactor) before it is logged in. With
// ErrNotConfirmed the account is returned too, to offer a new link.
func (a *Authenticator) Authenticate(ctx context.Context, at Attempt) (*Account, error) {
	if at.IP != "" {
		if err := a.Store.reserve(ctx, a.th, a.th.ip, ipKey(at.IP)); err != nil {
			return nil, err
		}
	}
	acct, err := a.Store.GetByLogin(ctx, at.Login)
	if err != nil && !isNotFound(err) {
		return nil, err
	}
	key := loginKey(at.Login)
	if acct != nil {
		key = accountKey(acct.ID)
	}
	if err := a.Store.reserve(ctx, a.th, a.th.account, key); err != nil {
		return nil, err
	}
	ok, err := a.check(ctx, acct, at)
	if err != nil || !ok {
		return nil, orElse(err, ErrInvalidCredentials)
	}
	return a.succeed(ctx, acct, at)
}
