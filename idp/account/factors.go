package account

import (
	"context"
	"fmt"

	"mvnk/store"
)

// Factors are the second factors an account has set up.
type Factors struct {
	TOTP          bool // a confirmed TOTP enrolment
	Passkeys      int
	RecoveryCodes int // unused ones
}

// Any reports whether the account has a second factor to log in with.
// Recovery codes alone are not one: they stand in for a lost factor.
func (f Factors) Any() bool { return f.TOTP || f.Passkeys > 0 }

// Factors returns the second factors of an account (one query).
func (s *Store) Factors(ctx context.Context, accountID string) (Factors, error) {
	var f Factors
	var totp int
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM account_totp WHERE account_id = $1 AND confirmed_at IS NOT NULL),
		(SELECT COUNT(*) FROM account_passkeys WHERE account_id = $1),
		(SELECT COUNT(*) FROM account_recovery_codes WHERE account_id = $1 AND used_at IS NULL)`,
		accountID).Scan(&totp, &f.Passkeys, &f.RecoveryCodes)
	if err != nil {
		return f, fmt.Errorf("second factors: %w", store.Classify(err))
	}
	f.TOTP = totp > 0
	return f, nil
}
