package account

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"

	"mvnk/store"
)

// Sealer encrypts a secret bound to additional data (*keys.Sealer): the
// account package holds no key, and the TOTP secret must be read back.
type Sealer interface {
	Seal(plain []byte, ad string) (string, error)
	Open(sealed, ad string) ([]byte, error)
}

// Errors of the second factors.
var (
	// ErrCodeInvalid is the one answer for a wrong, stale or replayed
	// TOTP code and an unknown or used recovery code.
	ErrCodeInvalid = errors.New("second-factor code wrong or already used")
	// ErrTOTPConfirmed: a new enrolment would replace a confirmed TOTP.
	ErrTOTPConfirmed = fmt.Errorf("%w: TOTP already set up", store.ErrConflict)
	// ErrNoTOTP: no (confirmed, or pending) TOTP enrolment.
	ErrNoTOTP = fmt.Errorf("%w: no TOTP enrolment", store.ErrNotFound)
)

// TOTP parameters: the authenticator-app defaults (RFC 6238 §4: 30 s
// steps; 6 digits and HMAC-SHA1 as RFC 4226), one step of clock skew each
// way (RFC 6238 §5.2) and a 160-bit secret (RFC 4226 §4 R6).
const (
	TOTPIssuer     = "MV-Nutzerkonto"
	totpPeriod     = 30
	totpSkew       = 1
	totpSecretSize = 20
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

func totpAD(accountID string) string { return "account-totp/" + accountID }

// totpKey is the key with its otpauth:// URI, for the QR code.
func totpKey(accountName string, secret []byte) (*otp.Key, error) {
	return totp.Generate(totp.GenerateOpts{Issuer: TOTPIssuer, AccountName: accountName,
		Secret: secret, Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
}

// BeginTOTP starts an enrolment: a new secret, sealed, unconfirmed. It
// replaces an unconfirmed one, never a confirmed one (ErrTOTPConfirmed).
func (s *Store) BeginTOTP(ctx context.Context, sl Sealer, acct *Account) (*otp.Key, error) {
	secret := make([]byte, totpSecretSize)
	_, _ = rand.Read(secret) // crypto/rand.Read never fails (Go ≥ 1.24)
	sealed, err := sl.Seal(secret, totpAD(acct.ID))
	if err != nil {
		return nil, err
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO account_totp (account_id, secret, created_at)
		VALUES ($1, $2, $3) ON CONFLICT (account_id) DO UPDATE
		SET secret = excluded.secret, created_at = excluded.created_at, last_step = 0
		WHERE account_totp.confirmed_at IS NULL`, acct.ID, sealed, store.Micros(s.now()))
	if err != nil {
		return nil, fmt.Errorf("begin TOTP: %w", store.Classify(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, ErrTOTPConfirmed
	}
	return totpKey(acct.Username, secret)
}

// PendingTOTP is the unconfirmed enrolment of acct, to show its QR code
// again; ErrNoTOTP without one.
func (s *Store) PendingTOTP(ctx context.Context, sl Sealer, acct *Account) (*otp.Key, error) {
	secret, _, err := s.totpSecret(ctx, sl, acct.ID, false)
	if err != nil {
		return nil, err
	}
	return totpKey(acct.Username, secret)
}

// ConfirmTOTP takes the first valid code of an enrolment: the TOTP is
// confirmed and the code's step used up.
func (s *Store) ConfirmTOTP(ctx context.Context, sl Sealer, accountID, code string) error {
	return s.takeCode(ctx, sl, accountID, code, false, func(step, now int64) (sql.Result, error) {
		return s.db.ExecContext(ctx, `UPDATE account_totp SET confirmed_at = $3, last_step = $2
			WHERE account_id = $1 AND confirmed_at IS NULL AND last_step < $2`, accountID, step, now)
	})
}

// VerifyTOTP checks a code of a confirmed TOTP and uses its time step up.
// The step is taken in one conditional UPDATE (last_step < step), so of
// two parallel uses of one code only one passes (RFC 6238 §5.2).
func (s *Store) VerifyTOTP(ctx context.Context, sl Sealer, accountID, code string) error {
	return s.takeCode(ctx, sl, accountID, code, true, func(step, _ int64) (sql.Result, error) {
		return s.db.ExecContext(ctx, `UPDATE account_totp SET last_step = $2
			WHERE account_id = $1 AND confirmed_at IS NOT NULL AND last_step < $2`, accountID, step)
	})
}

// takeCode matches code against the stored secret and lets take use up
// its step; no row taken means another request was first.
func (s *Store) takeCode(ctx context.Context, sl Sealer, accountID, code string, confirmed bool,
	take func(step, now int64) (sql.Result, error)) error {
	secret, last, err := s.totpSecret(ctx, sl, accountID, confirmed)
	if err != nil {
		return err
	}
	now := s.now()
	step, ok := matchStep(secret, code, now, last)
	if !ok {
		return ErrCodeInvalid
	}
	res, err := take(step, store.Micros(now))
	if err != nil {
		return fmt.Errorf("use TOTP code: %w", store.Classify(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrCodeInvalid
	}
	return nil
}

// totpSecret opens the stored secret and returns it with the last step.
func (s *Store) totpSecret(ctx context.Context, sl Sealer, accountID string, confirmed bool) ([]byte, int64, error) {
	cond := "confirmed_at IS NULL"
	if confirmed {
		cond = "confirmed_at IS NOT NULL"
	}
	var sealed string
	var last int64
	err := s.db.QueryRowContext(ctx, `SELECT secret, last_step FROM account_totp
		WHERE account_id = $1 AND `+cond, accountID).Scan(&sealed, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, ErrNoTOTP
	}
	if err != nil {
		return nil, 0, fmt.Errorf("read TOTP: %w", store.Classify(err))
	}
	secret, err := sl.Open(sealed, totpAD(accountID))
	return secret, last, err
}

// matchStep finds the time step within the skew whose code is code and
// which is later than last (a step once used is refused).
func matchStep(secret []byte, code string, now time.Time, last int64) (int64, bool) {
	code = strings.Join(strings.Fields(code), "")
	if len(code) != 6 {
		return 0, false
	}
	cur := now.Unix() / totpPeriod
	for step := cur - totpSkew; step <= cur+totpSkew; step++ {
		want, err := hotp.GenerateCodeCustom(b32.EncodeToString(secret), uint64(step),
			hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err == nil && step > last && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}

// RemoveTOTP deletes the TOTP of an account, confirmed or not.
func (s *Store) RemoveTOTP(ctx context.Context, accountID string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM account_totp WHERE account_id = $1`, accountID)
	if err != nil {
		return fmt.Errorf("remove TOTP: %w", store.Classify(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNoTOTP
	}
	return nil
}

func secondFactorKey(accountID string) string { return "2fa:" + accountID }

// ReserveSecondFactor counts a second-factor attempt of an account, as
// the password attempts are (NIST SP 800-63B §5.2.2), on a counter of its
// own: a correct password must not reset it.
func (a *Authenticator) ReserveSecondFactor(ctx context.Context, accountID string) error {
	return a.Store.reserve(ctx, a.th, a.th.account, secondFactorKey(accountID))
}

// ResetSecondFactor clears that counter after a passed second factor.
func (a *Authenticator) ResetSecondFactor(ctx context.Context, accountID string) error {
	_, err := a.Store.db.ExecContext(ctx, `DELETE FROM login_throttle WHERE key = $1`, secondFactorKey(accountID))
	return store.Classify(err)
}
