package idp

import (
	"context"
	"fmt"
	"time"

	"mvnk/store"
)

// ClientStore is what the registry needs from the database. Errors wrap
// store.ErrNotFound and store.ErrConflict; invalid clients are refused
// with a *ValidationError before anything is written.
type ClientStore interface {
	CreateClient(ctx context.Context, c *Client) error
	GetClient(ctx context.Context, id string) (*Client, error)
	ListClients(ctx context.Context) ([]*Client, error)
	// UpdateClient runs fn on the current client and stores the result
	// atomically; fn may run again when the database asks to retry.
	UpdateClient(ctx context.Context, id string, fn func(*Client) error) error
	DeleteClient(ctx context.Context, id string) error
}

// SQLClientStore keeps clients in the clients table (001_clients.sql).
type SQLClientStore struct {
	db  *store.DB
	now func() time.Time
}

var (
	_ ClientStore  = (*SQLClientStore)(nil)
	_ ClientSource = (*SQLClientStore)(nil)
)

// NewClientStore returns the SQL client store on db.
func NewClientStore(db *store.DB) *SQLClientStore {
	return &SQLClientStore{db: db, now: time.Now}
}

// CreateClient stores a new client; an empty ID gets a fresh one.
func (s *SQLClientStore) CreateClient(ctx context.Context, c *Client) error {
	if c.ID == "" {
		c.ID = store.NewID()
	}
	if err := c.Validate(); err != nil {
		return err
	}
	now := store.FromMicros(store.Micros(s.now()))
	c.CreatedAt, c.UpdatedAt = now, now
	r, err := toRow(c)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO clients (`+clientColumns+`, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
		        $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, 1)`, r.args()...)
	if err = store.Classify(err); err != nil {
		return fmt.Errorf("create client %q: %w", c.ID, err)
	}
	return nil
}

// GetClient returns the client with id.
func (s *SQLClientStore) GetClient(ctx context.Context, id string) (*Client, error) {
	c, _, err := scanClient(s.db.QueryRowContext(ctx,
		`SELECT `+clientColumns+`, version FROM clients WHERE id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("client %q: %w", id, store.Classify(err))
	}
	return c, nil
}

// ListClients returns every client, oldest first.
func (s *SQLClientStore) ListClients(ctx context.Context) ([]*Client, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT `+clientColumns+`, version FROM clients ORDER BY created_at, id`)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	var list []*Client
	for rows.Next() {
		c, _, err := scanClient(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, c)
	}
	return list, rows.Err()
}

// DeleteClient removes the client with id.
func (s *SQLClientStore) DeleteClient(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM clients WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("delete client %q: %w", id, store.Classify(err))
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("client %q: %w", id, store.ErrNotFound)
	}
	return nil
}
