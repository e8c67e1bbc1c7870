package postfach

import (
	"context"
	"time"

	"mvnk/store"
)

// Blobs keeps attachment contents (already encrypted by the Store) by
// attachment id. DBBlobs is the default; FSBlobs is the configuration
// option for large deployments. Get of a missing id wraps store.ErrNotFound.
type Blobs interface {
	Put(ctx context.Context, id string, data []byte) error
	Get(ctx context.Context, id string) ([]byte, error)
	Delete(ctx context.Context, id string) error
	// List returns the ids of blobs written before olderThan, for the
	// orphan sweep (SweepOrphanBlobs).
	List(ctx context.Context, olderThan time.Time) ([]string, error)
}

var (
	_ Blobs = (*DBBlobs)(nil)
	_ Blobs = (*FSBlobs)(nil)
)

// DBBlobs keeps contents in the postfach_blobs table of the shared database.
type DBBlobs struct {
	db  *store.DB
	Now func() time.Time // the write time List compares; nil: time.Now
}

// NewDBBlobs returns the database blob store on db.
func NewDBBlobs(db *store.DB) *DBBlobs { return &DBBlobs{db: db} }

// Put stores data under id; an existing id is a store.ErrConflict.
func (b *DBBlobs) Put(ctx context.Context, id string, data []byte) error {
	now := time.Now
	if b.Now != nil {
		now = b.Now
	}
	_, err := b.db.ExecContext(ctx, `INSERT INTO postfach_blobs (id, data, created_at) VALUES ($1, $2, $3)`,
		id, data, store.Micros(now()))
	return store.Classify(err)
}

// List returns the ids of blobs written before olderThan.
func (b *DBBlobs) List(ctx context.Context, olderThan time.Time) ([]string, error) {
	rows, err := b.db.QueryContext(ctx, `SELECT id FROM postfach_blobs WHERE created_at < $1 ORDER BY id`,
		store.Micros(olderThan))
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Get returns the content stored under id.
func (b *DBBlobs) Get(ctx context.Context, id string) ([]byte, error) {
	var data []byte
	err := b.db.QueryRowContext(ctx, `SELECT data FROM postfach_blobs WHERE id = $1`, id).Scan(&data)
	return data, store.Classify(err)
}

// Delete removes id; a missing id is no error, so a retried clean-up works.
func (b *DBBlobs) Delete(ctx context.Context, id string) error {
	_, err := b.db.ExecContext(ctx, `DELETE FROM postfach_blobs WHERE id = $1`, id)
	return store.Classify(err)
}
