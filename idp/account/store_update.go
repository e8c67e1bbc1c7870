package account

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"mvnk/store"
)

// Update reads the account, lets fn change it and writes it back in one
// transaction with the row locked (FOR UPDATE on PostgreSQL; SQLite
// transactions start IMMEDIATE and hold the write lock), so two nodes
// never lose an update. The id, handle and creation time are not fn's.
func (s *Store) Update(ctx context.Context, id string, fn func(*Account) error) (*Account, error) {
	var out *Account
	err := s.db.InTx(ctx, func(tx *sql.Tx) error {
		a, err := s.getWhere(ctx, tx, "id = $1"+s.forUpdate(), id)
		if err != nil {
			return err
		}
		keep := *a
		if err := fn(a); err != nil {
			return err
		}
		a.ID, a.PostfachHandle, a.CreatedAt = keep.ID, keep.PostfachHandle, keep.CreatedAt
		a.UpdatedAt = s.now()
		a.settle()
		if err := validate(a); err != nil {
			return err
		}
		out = a
		return s.write(ctx, tx, a)
	})
	if err != nil {
		return nil, fmt.Errorf("update account %s: %w", id, err)
	}
	return out, nil
}

func (s *Store) write(ctx context.Context, tx *sql.Tx, a *Account) error {
	roles, _ := json.Marshal(a.Roles)
	_, err := tx.ExecContext(ctx, `UPDATE accounts SET kind = $2, username = $3, email = $4,
		email_verified = $5, password_hash = $6, state = $7, trust_level = $8, organisation = $9,
		roles = $10, updated_at = $11, username_norm = $12, email_norm = $13 WHERE id = $1`,
		a.ID, a.Kind, a.Username, a.Email, a.EmailVerified, a.PasswordHash, a.State, a.TrustLevel,
		a.Organisation, string(roles), store.Micros(a.UpdatedAt), normUsername(a.Username), normEmail(a.Email))
	return store.Classify(err)
}

// forUpdate locks the row read for an update; see Update.
func (s *Store) forUpdate() string {
	if s.db.Dialect == store.Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// Disable sets the account's state to disabled; its login then fails like
// a wrong password. Disabling twice is not an error.
func (s *Store) Disable(ctx context.Context, id string) (*Account, error) {
	return s.Update(ctx, id, func(a *Account) error { a.State = Disabled; return nil })
}

// replaceHash swaps the password hash if it is still old (compare-and-
// swap), so a rehash at login never overwrites a password just changed.
func (s *Store) replaceHash(ctx context.Context, id, old, hash string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE accounts SET password_hash = $1, updated_at = $2
		WHERE id = $3 AND password_hash = $4`, hash, store.Micros(s.now()), id, old)
	return store.Classify(err)
}
