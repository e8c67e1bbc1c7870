package idp

import "context"

// shortLivedTables hold rows of minutes: used client assertion jtis
// (RFC 7523 §3) and pushed authorization requests (RFC 9126 §2.2).
var shortLivedTables = []string{"idp_client_assertions", "idp_par"}

// purgeShortLived deletes the expired rows of shortLivedTables in batches.
func (s *fositeStore) purgeShortLived(ctx context.Context, batch int) (int64, error) {
	var total int64
	for _, table := range shortLivedTables {
		n, err := s.db.DeleteExpired(ctx, table, "id", s.now(), batch)
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}
