package idp

import (
	"context"

	"mvnk/store"
)

// shortLivedTables hold rows of minutes: used client assertion jtis
// (RFC 7523 §3) and pushed authorization requests (RFC 9126 §2.2).
var shortLivedTables = []string{"idp_client_assertions", "idp_par"}

// purgeShortLived deletes the expired rows of shortLivedTables in batches.
func (s *fositeStore) purgeShortLived(ctx context.Context, batch int) (int64, error) {
	var total int64
	for _, table := range shortLivedTables {
		for ctx.Err() == nil {
			res, err := s.db.ExecContext(ctx, `DELETE FROM `+table+` WHERE id IN
				(SELECT id FROM `+table+` WHERE expires_at < $1 LIMIT $2)`, store.Micros(s.now()), batch)
			if err != nil {
				return total, store.Classify(err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return total, err
			}
			total += n
			if n < int64(batch) {
				break
			}
		}
	}
	return total, ctx.Err()
}
