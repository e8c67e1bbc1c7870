package account

import "context"

// GetByPostfachHandle returns the account whose Postfach the handle
// addresses (ErrNoAccount for none). Senders know only the handle, never
// the account id.
func (s *Store) GetByPostfachHandle(ctx context.Context, handle string) (*Account, error) {
	return s.getWhere(ctx, s.db, "postfach_handle = $1", handle)
}
