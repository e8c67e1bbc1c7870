package postfach

import (
	"context"
	"time"

	"mvnk/store"
)

// JobOrphanBlobs is the periodic job of Store.SweepOrphanBlobs.
const JobOrphanBlobs = "postfach.blobs.sweep"

// OrphanBlobAge is how old an unreferenced blob must be before the sweep
// removes it: Create and CreateReply write contents before their
// transaction commits, so a younger blob may belong to one in progress.
const OrphanBlobAge = time.Hour

// SweepOrphanBlobs is the handler of JobOrphanBlobs. It deletes blobs
// older than OrphanBlobAge that no attachment row (of a message or a
// reply) references: left by a node that died between Blobs.Put and the
// commit, or between a Delete's commit and its blob clean-up.
func (s *Store) SweepOrphanBlobs(ctx context.Context, _ string) error {
	ids, err := s.blobs.List(ctx, s.now().Add(-OrphanBlobAge))
	if err != nil {
		return err
	}
	for _, id := range ids {
		var n int
		err := s.db.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM postfach_attachments WHERE id = $1) +
			(SELECT COUNT(*) FROM postfach_reply_attachments WHERE id = $1)`, id).Scan(&n)
		if err != nil {
			return store.Classify(err)
		}
		if n > 0 {
			continue
		}
		if err := s.blobs.Delete(ctx, id); err != nil {
			return err
		}
	}
	return nil
}
