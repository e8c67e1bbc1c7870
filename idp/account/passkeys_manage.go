package account

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"mvnk/store"
)

const passkeyColumns = `id, account_id, name, credential, sign_count, backup_eligible,
	backup_state, created_at, last_used_at`

// Passkeys lists an account's passkeys, oldest first.
func (s *Store) Passkeys(ctx context.Context, accountID string) ([]*Passkey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+passkeyColumns+` FROM account_passkeys
		WHERE account_id = $1 ORDER BY created_at, id`, accountID)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	var list []*Passkey
	for rows.Next() {
		p, err := scanPasskey(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, p)
	}
	return list, store.Classify(rows.Err())
}

// PasskeyByID finds a passkey by its raw credential id, whoever owns it.
func (s *Store) PasskeyByID(ctx context.Context, credentialID []byte) (*Passkey, error) {
	p, err := scanPasskey(s.db.QueryRowContext(ctx, `SELECT `+passkeyColumns+`
		FROM account_passkeys WHERE id = $1`, CredentialID(credentialID)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoPasskey
	}
	return p, store.Classify(err)
}

// scanPasskey reads a row; the columns, not the JSON, hold the sign count
// and the backup flags, since logins update only them.
func scanPasskey(row scanner) (*Passkey, error) {
	var p Passkey
	var raw string
	var count, created int64
	var used sql.NullInt64
	err := row.Scan(&p.ID, &p.AccountID, &p.Name, &raw, &count, &p.Credential.Flags.BackupEligible,
		&p.Credential.Flags.BackupState, &created, &used)
	if err != nil {
		return nil, err
	}
	be, bs := p.Credential.Flags.BackupEligible, p.Credential.Flags.BackupState
	if err := json.Unmarshal([]byte(raw), &p.Credential); err != nil {
		return nil, err
	}
	p.Credential.Flags.BackupEligible, p.Credential.Flags.BackupState = be, bs
	p.Credential.Authenticator.SignCount = uint32(count)
	p.CreatedAt = store.FromMicros(created)
	if used.Valid {
		p.LastUsedAt = store.FromMicros(used.Int64)
	}
	return &p, nil
}

// RenamePasskey gives an account's passkey a new name.
func (s *Store) RenamePasskey(ctx context.Context, accountID, id, name string) error {
	name, err := CheckPasskeyName(name)
	if err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `UPDATE account_passkeys SET name = $1
		WHERE id = $2 AND account_id = $3`, name, id, accountID)
	return oneRow(res, err)
}

// RemovePasskey deletes an account's passkey.
func (s *Store) RemovePasskey(ctx context.Context, accountID, id string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM account_passkeys
		WHERE id = $1 AND account_id = $2`, id, accountID)
	return oneRow(res, err)
}

// oneRow: ErrNoPasskey when the statement touched no row.
func oneRow(res sql.Result, err error) error {
	if err != nil {
		return store.Classify(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return orElse(err, ErrNoPasskey)
	}
	return nil
}
