package postfach

import (
	"context"

	"mvnk/store"
)

// Blobs keeps attachment contents (already encrypted by the Store) by
// attachment id. DBBlobs is the default; FSBlobs is the configuration
// option for large deployments. Get of a missing id wraps store.ErrNotFound.
type Blobs interface {
	Put(ctx context.Context, id string, data []byte) error
	Get(ctx context.Context, id string) ([]byte, error)
	Delete(ctx context.Context, id string) error
}

// DBBlobs keeps contents in the postfach_blobs table of the shared database.
type DBBlobs struct{ db *store.DB }

// NewDBBlobs returns the database blob store on db.
func NewDBBlobs(db *store.DB) *DBBlobs { return &DBBlobs{db: db} }

// Put stores data under id; an existing id is a store.ErrConflict.
func (b *DBBlobs) Put(ctx context.Context, id string, data []byte) error {
	_, err := b.db.ExecContext(ctx, `INSERT INTO postfach_blobs (id, data) VALUES ($1, $2)`, id, data)
	return store.Classify(err)
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
