package account

import (
	"context"
	"errors"
	"fmt"

	"mvnk/store"
)

// SetAttribute stores or replaces one attribute of an account with its
// source and trust level. A value proven at a higher level is never
// overwritten by a lower one (a typed-in name does not replace the name
// read from the eID card); that returns ErrLowerLevel.
func (s *Store) SetAttribute(ctx context.Context, accountID string, at Attribute) error {
	if at.Name == "" || at.Source == "" || at.Level < 0 || at.Level > LevelHoch {
		return &ValidationError{"attribute", "needs a name, a source and a level 0–4"}
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO account_attributes
		(account_id, name, value, source, level, updated_at)
		SELECT id, $2, $3, $4, CAST($5 AS INTEGER), CAST($6 AS BIGINT) FROM accounts WHERE id = $1
		ON CONFLICT (account_id, name) DO UPDATE SET value = excluded.value,
		source = excluded.source, level = excluded.level, updated_at = excluded.updated_at
		WHERE account_attributes.level <= excluded.level`,
		accountID, at.Name, at.Value, at.Source, at.Level, store.Micros(s.now()))
	if err != nil {
		return fmt.Errorf("set attribute %s: %w", at.Name, store.Classify(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := s.GetByID(ctx, accountID); err != nil {
			return err
		}
		return ErrLowerLevel
	}
	return nil
}

// ErrLowerLevel: the attribute is already stored at a higher trust level.
var ErrLowerLevel = errors.New("attribute already proven at a higher trust level")

// Attributes returns the attributes of an account by name.
func (s *Store) Attributes(ctx context.Context, accountID string) ([]Attribute, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, value, source, level, updated_at
		FROM account_attributes WHERE account_id = $1 ORDER BY name`, accountID)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	list := []Attribute{}
	for rows.Next() {
		var at Attribute
		var updated int64
		if err := rows.Scan(&at.Name, &at.Value, &at.Source, &at.Level, &updated); err != nil {
			return nil, err
		}
		at.UpdatedAt = store.FromMicros(updated)
		list = append(list, at)
	}
	return list, rows.Err()
}
