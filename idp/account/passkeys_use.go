package account

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/go-webauthn/webauthn/webauthn"

	"mvnk/store"
)

// ErrPasskeyCloned: the login's signature counter did not go past the
// stored one (a non-zero counter must grow), or the backup eligibility
// changed, which it never may. Either points at a cloned or broken
// authenticator (WebAuthn L3 §6.1.1, §7.2 steps 18 and 22); the login is
// refused.
var ErrPasskeyCloned = errors.New("passkey refused: signature counter did not advance or backup eligibility changed")

// PasskeyUsed records a login with cred (as go-webauthn returned it after
// checking the assertion): the new sign count, the backup state and the
// time. One conditional UPDATE does it, so of two logins replaying the
// same counter on two nodes only one wins.
func (s *Store) PasskeyUsed(ctx context.Context, accountID string, cred *webauthn.Credential) error {
	if cred.Authenticator.CloneWarning {
		return ErrPasskeyCloned
	}
	stored := *cred
	stored.Authenticator.CloneWarning = false
	raw, err := json.Marshal(stored)
	if err != nil {
		return err
	}
	count := int64(cred.Authenticator.SignCount)
	res, err := s.db.ExecContext(ctx, `UPDATE account_passkeys SET sign_count = $1, backup_state = $2,
		credential = $3, last_used_at = $4
		WHERE id = $5 AND account_id = $6 AND backup_eligible = $7
		AND (sign_count < $1 OR (sign_count = 0 AND $8))`,
		count, cred.Flags.BackupState, string(raw), store.Micros(s.now()), CredentialID(cred.ID),
		accountID, cred.Flags.BackupEligible, count == 0)
	if err := oneRow(res, err); !errors.Is(err, ErrNoPasskey) {
		return err
	}
	return s.whyNotUsed(ctx, accountID, cred.ID)
}

// whyNotUsed tells a missing passkey from a refused one.
func (s *Store) whyNotUsed(ctx context.Context, accountID string, id []byte) error {
	p, err := s.PasskeyByID(ctx, id)
	if err != nil {
		return err
	}
	if p.AccountID != accountID {
		return ErrNoPasskey
	}
	return fmt.Errorf("passkey %s: %w", p.ID, ErrPasskeyCloned)
}
