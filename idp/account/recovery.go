package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"

	"mvnk/store"
)

// Recovery codes stand in for a lost second factor, once each (NIST SP
// 800-63B §5.1.2, look-up secrets). Ten codes of ten characters from an
// alphabet without look-alikes (no 0/O, 1/I): 50 bits each, shown as
// ABCDE-FGHJK. Only their SHA-256 is stored; a random 50-bit code needs
// no slow hash, since the login throttle stops guessing online.
const (
	RecoveryCodeCount = 10
	recoveryCodeLen   = 10
	recoveryAlphabet  = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ" // 32 letters: 5 bits a byte, unbiased
)

// NewRecoveryCodes replaces all recovery codes of an account by ten new
// ones and returns them formatted, the only time they are seen.
func (s *Store) NewRecoveryCodes(ctx context.Context, accountID string) ([]string, error) {
	codes := make([]string, RecoveryCodeCount)
	for i := range codes {
		codes[i] = newRecoveryCode()
	}
	now := store.Micros(s.now())
	err := s.db.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM account_recovery_codes WHERE account_id = $1`, accountID); err != nil {
			return err
		}
		for _, c := range codes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO account_recovery_codes (account_id, code_hash, created_at)
				VALUES ($1, $2, $3)`, accountID, recoveryHash(c), now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("new recovery codes: %w", store.Classify(err))
	}
	return codes, nil
}

func newRecoveryCode() string {
	var b [recoveryCodeLen]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	for i := range b {
		b[i] = recoveryAlphabet[b[i]%byte(len(recoveryAlphabet))]
	}
	return string(b[:5]) + "-" + string(b[5:])
}

// NormalizeRecoveryCode is what the user typed as stored: upper case,
// without spaces and hyphens.
func NormalizeRecoveryCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' || r == '\t' || r == '\u00a0' {
			return -1
		}
		return r
	}, strings.ToUpper(code))
}

func recoveryHash(code string) string {
	sum := sha256.Sum256([]byte(NormalizeRecoveryCode(code)))
	return hex.EncodeToString(sum[:])
}

// UseRecoveryCode uses a code up in one statement, so of two parallel
// uses only one passes; ErrCodeInvalid for an unknown or used code.
func (s *Store) UseRecoveryCode(ctx context.Context, accountID, code string) error {
	if len(NormalizeRecoveryCode(code)) != recoveryCodeLen {
		return ErrCodeInvalid
	}
	res, err := s.db.ExecContext(ctx, `UPDATE account_recovery_codes SET used_at = $3
		WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL`,
		accountID, recoveryHash(code), store.Micros(s.now()))
	if err != nil {
		return fmt.Errorf("use recovery code: %w", store.Classify(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrCodeInvalid
	}
	return nil
}

// DeleteRecoveryCodes drops all recovery codes, when no factor is left
// that they could stand in for.
func (s *Store) DeleteRecoveryCodes(ctx context.Context, accountID string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM account_recovery_codes WHERE account_id = $1`, accountID)
	return store.Classify(err)
}
