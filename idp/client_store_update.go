package idp

import (
	"context"
	"database/sql"
	"fmt"

	"mvnk/store"
)

// UpdateClient reads the client, lets fn change it and writes it back in
// one transaction. The row is locked while fn runs (FOR UPDATE on
// PostgreSQL; SQLite transactions start IMMEDIATE and hold the write
// lock), and the write is a compare-and-swap on version, so two nodes
// updating one client never lose an update.
func (s *SQLClientStore) UpdateClient(ctx context.Context, id string, fn func(*Client) error) error {
	err := s.db.InTx(ctx, func(tx *sql.Tx) error {
		c, version, err := scanClient(tx.QueryRowContext(ctx,
			`SELECT `+clientColumns+`, version FROM clients WHERE id = $1`+s.forUpdate(), id))
		if err != nil {
			return store.Classify(err)
		}
		created := c.CreatedAt
		if err := fn(c); err != nil {
			return err
		}
		c.ID, c.CreatedAt = id, created // identity is not fn's to change
		c.UpdatedAt = store.FromMicros(store.Micros(s.now()))
		if err := c.Validate(); err != nil {
			return err
		}
		return s.write(ctx, tx, c, version)
	})
	if err != nil {
		return fmt.Errorf("update client %q: %w", id, err)
	}
	return nil
}

func (s *SQLClientStore) write(ctx context.Context, tx *sql.Tx, c *Client, version int64) error {
	r, err := toRow(c)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE clients SET
		name = $2, owner = $3, secret_hash = $4, redirect_uris = $5,
		post_logout_redirect_uris = $6, backchannel_logout_uri = $7, grant_types = $8,
		scopes = $9, audience = $10, auth_method = $11, jwks = $12, jwks_uri = $13,
		public = $14, require_pkce = $15, require_par = $16, access_token_format = $17,
		access_token_lifetime = $18, refresh_token_lifetime = $19, id_token_lifetime = $20,
		first_party = $21, subject_type = $22, sector_identifier = $23, min_trust_level = $24,
		created_at = $25, updated_at = $26, staff = $27, description = $28, policy_uri = $29,
		eid_identifiers = $30, postfach_senders = $31,
		version = version + 1
		WHERE id = $1 AND version = $32`, append(r.args(), version)...)
	if err != nil {
		return store.Classify(err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return store.ErrConflict // someone else's update came first
	}
	return nil
}

// forUpdate locks the row read for an update. SQLite has no row locks;
// its IMMEDIATE transaction already holds the database's write lock.
func (s *SQLClientStore) forUpdate() string {
	if s.db.Dialect == store.Postgres {
		return " FOR UPDATE"
	}
	return ""
}
