package idp

import (
	"context"
	"fmt"

	"mvnk/store"
)

// ForgetAccount deletes every consent and token of an account in db, for
// a command that runs beside the servers (`mvnk account delete`). A node's
// introspection cache may still hold one of the tokens until its entry
// expires (introspect_cache.go); Provider.ForgetAccount drops its own.
func ForgetAccount(ctx context.Context, db *store.DB, accountID string) (tokens int64, err error) {
	if err := NewConsentStore(db).RevokeAll(ctx, accountID); err != nil {
		return 0, err
	}
	res, err := db.ExecContext(ctx, `DELETE FROM idp_tokens WHERE subject = $1`, accountID)
	if err != nil {
		return 0, fmt.Errorf("forget tokens of %s: %w", accountID, store.Classify(err))
	}
	return res.RowsAffected()
}
