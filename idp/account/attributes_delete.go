package account

import (
	"context"
	"fmt"

	"mvnk/store"
)

// DeleteAttribute removes a self-declared attribute (the user emptied the
// field). An attribute from another source (eID, FINK, staff) is never
// removed this way: that returns ErrLowerLevel. No attribute is no error.
func (s *Store) DeleteAttribute(ctx context.Context, accountID, name string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM account_attributes
		WHERE account_id = $1 AND name = $2 AND source = $3`, accountID, name, SourceSelf)
	if err != nil {
		return fmt.Errorf("delete attribute %s: %w", name, store.Classify(err))
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	var left int
	err = s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM account_attributes
		WHERE account_id = $1 AND name = $2`, accountID, name).Scan(&left)
	if err != nil {
		return store.Classify(err)
	}
	if left > 0 {
		return ErrLowerLevel
	}
	return nil
}
