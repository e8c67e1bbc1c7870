package account

import (
	"context"
	"encoding/json"
	"errors"

	"mvnk/store"
)

type scanner interface{ Scan(dest ...any) error }

func scanAccount(row scanner) (*Account, error) {
	var a Account
	var roles string
	var created, updated int64
	err := row.Scan(&a.ID, &a.Kind, &a.Username, &a.Email, &a.EmailVerified, &a.PasswordHash,
		&a.State, &a.TrustLevel, &a.Organisation, &roles, &a.PostfachHandle, &created, &updated)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(roles), &a.Roles); err != nil {
		return nil, err
	}
	a.CreatedAt, a.UpdatedAt = store.FromMicros(created), store.FromMicros(updated)
	return &a, nil
}

// List returns all accounts, oldest first.
func (s *Store) List(ctx context.Context) ([]*Account, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+accountColumns+` FROM accounts ORDER BY created_at, id`)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	var list []*Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}

func isConflict(err error) bool { return errors.Is(err, store.ErrConflict) }

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
