package bundid

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/crewjam/saml"

	"mvnk/eid"
	"mvnk/eid/trust"
	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migrations creates the tables of the BundID connector.
var Migrations = store.Migrations{Component: "eid_bundid", FS: migrationFS, Dir: "migrations"}

// pending is an AuthnRequest waiting for its response.
type pending struct {
	RequestID string
	MinLevel  trust.Level
	ReturnURL string
	ExpiresAt time.Time
}

// Store keeps the requests in flight and the assertions already used, so
// any node can take the response to a request another node sent.
type Store struct{ db *store.DB }

// NewStore is the store on db (migrated with Migrations).
func NewStore(db *store.DB) *Store { return &Store{db: db} }

// hashHandle: the handle travels as RelayState; only its hash is stored.
func hashHandle(handle string) string {
	sum := sha256.Sum256([]byte(handle))
	return hex.EncodeToString(sum[:])
}

// Put records the request sent under handle.
func (s *Store) Put(ctx context.Context, handle string, p pending, now time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO eid_bundid_requests
		(handle_hash, request_id, min_level, return_url, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`,
		hashHandle(handle), p.RequestID, int(p.MinLevel), p.ReturnURL, store.Micros(now), store.Micros(p.ExpiresAt))
	return store.Classify(err)
}

// Take removes the request of handle and returns it: a second response to
// the same request finds nothing (eid.ErrUnknownHandle), as does one after
// the request expired.
func (s *Store) Take(ctx context.Context, handle string, now time.Time) (pending, error) {
	var p pending
	var level int
	var expires int64
	err := s.db.QueryRowContext(ctx, `DELETE FROM eid_bundid_requests WHERE handle_hash = $1
		RETURNING request_id, min_level, return_url, expires_at`, hashHandle(handle)).
		Scan(&p.RequestID, &level, &p.ReturnURL, &expires)
	if err = store.Classify(err); errors.Is(err, store.ErrNotFound) {
		return p, eid.ErrUnknownHandle
	} else if err != nil {
		return p, err
	}
	p.MinLevel, p.ExpiresAt = trust.Level(level), store.FromMicros(expires)
	if !now.Before(p.ExpiresAt) {
		return p, eid.ErrUnknownHandle
	}
	return p, nil
}

// Purge deletes expired requests and replay records (a periodic job).
func (s *Store) Purge(ctx context.Context, now time.Time) error {
	for _, table := range []string{"eid_bundid_requests", "eid_bundid_assertions"} {
		key := "handle_hash"
		if table == "eid_bundid_assertions" {
			key = "id"
		}
		if _, err := s.db.DeleteExpired(ctx, table, key, now, 500); err != nil {
			return fmt.Errorf("purge %s: %w", table, err)
		}
	}
	return nil
}

// replayCache is the saml.AssertionReplayCache on the store: an assertion
// ID is accepted once, on any node.
type replayCache struct {
	ctx context.Context
	s   *Store
}

func (c replayCache) Consume(id string, until time.Time) error {
	_, err := c.s.db.ExecContext(c.ctx, `INSERT INTO eid_bundid_assertions (id, expires_at) VALUES ($1, $2)`,
		id, store.Micros(until))
	if err = store.Classify(err); errors.Is(err, store.ErrConflict) {
		return saml.ErrAssertionReplayed
	}
	return err
}
