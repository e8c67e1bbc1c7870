package idp

import (
	"context"
	"time"
)

// maxTokenRowLife bounds a row whose token has no expiry of its own.
const maxTokenRowLife = 30 * 24 * time.Hour

// purgeBatch rows are deleted per statement, so the purge never holds a
// long lock on a busy table (lesson of ory/hydra#3079).
const purgeBatch = 1000

// PurgeExpired deletes expired token rows in batches. It is a jobs.Handler:
// register it with the runner, e.g.
// runner.Every("idp.tokens_purge", time.Hour, p.PurgeExpired).
func (p *Provider) PurgeExpired(ctx context.Context, _ string) error {
	if _, err := p.store.purgeExpired(ctx, purgeBatch); err != nil {
		return err
	}
	_, err := p.store.purgeShortLived(ctx, purgeBatch)
	return err
}

func (s *fositeStore) purgeExpired(ctx context.Context, batch int) (int64, error) {
	return s.db.DeleteExpired(ctx, "idp_tokens", "id", s.now(), batch)
}
