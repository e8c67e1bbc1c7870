package account

import (
	"context"
	"database/sql"
	"fmt"

	"mvnk/store"
)

// Deleted reports what Delete erased.
type Deleted struct {
	Account    *Account `json:"account"`
	Attributes int      `json:"attributes"`
	Tokens     int      `json:"tokens"`
}

// Delete erases the account and its personal data (DSGVO Art. 17): the
// row, its attributes and tokens (ON DELETE CASCADE) and its throttle
// counter, in one transaction.
func (s *Store) Delete(ctx context.Context, id string) (Deleted, error) {
	var d Deleted
	err := s.db.InTx(ctx, func(tx *sql.Tx) error {
		a, err := s.getWhere(ctx, tx, "id = $1"+s.forUpdate(), id)
		if err != nil {
			return err
		}
		d.Account = a
		if d.Attributes, err = count(ctx, tx, `SELECT COUNT(*) FROM account_attributes WHERE account_id = $1`, id); err != nil {
			return err
		}
		if d.Tokens, err = count(ctx, tx, `SELECT COUNT(*) FROM account_tokens WHERE account_id = $1`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_throttle WHERE key = $1`, accountKey(id)); err != nil {
			return store.Classify(err)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM accounts WHERE id = $1`, id)
		return store.Classify(err)
	})
	if err != nil {
		return Deleted{}, fmt.Errorf("delete account %s: %w", id, err)
	}
	return d, nil
}

func count(ctx context.Context, tx *sql.Tx, query, arg string) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, query, arg).Scan(&n)
	return n, store.Classify(err)
}
