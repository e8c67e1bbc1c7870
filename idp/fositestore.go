package idp

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/ory/fosite"
	"github.com/ory/fosite/handler/oauth2"
	"github.com/ory/fosite/handler/openid"
	"github.com/ory/fosite/handler/pkce"
	"github.com/ory/fosite/storage"

	"mvnk/store"
)

// ClientSource finds registered clients; GetClient returns an error
// wrapping store.ErrNotFound for an unknown id.
type ClientSource interface {
	GetClient(ctx context.Context, id string) (*Client, error)
}

// fositeStore keeps fosite's grant state in idp_tokens (002_tokens.sql).
type fositeStore struct {
	db      *store.DB
	clients ClientSource
	seal    *sealer
	now     func() time.Time
	// grace keeps a rotated refresh token usable for a short while, so
	// parallel tabs don't trip reuse detection (RFC 9700 §4.14.2).
	grace time.Duration
	// codeSignature maps an authorization code to its signature: fosite
	// hands the OIDC storage the code itself, the others the signature.
	codeSignature func(ctx context.Context, code string) string
	// introspected remembers verified JWT access tokens (introspect_fast.go).
	introspected introspectionCache
	// writes counts statements that change rows, for tests and metrics.
	writes atomic.Int64
}

var (
	_ fosite.Storage                     = (*fositeStore)(nil)
	_ oauth2.CoreStorage                 = (*fositeStore)(nil)
	_ oauth2.TokenRevocationStorage      = (*fositeStore)(nil)
	_ pkce.PKCERequestStorage            = (*fositeStore)(nil)
	_ openid.OpenIDConnectRequestStorage = (*fositeStore)(nil)
	_ storage.Transactional              = (*fositeStore)(nil)
)

// querier is a *sql.DB or the *sql.Tx of the current fosite transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

type txKey struct{}

// exec runs a writing statement in the current transaction, if any.
func (s *fositeStore) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s.writes.Add(1)
	return s.q(ctx).ExecContext(ctx, query, args...)
}

func (s *fositeStore) q(ctx context.Context) querier {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return tx
	}
	return s.db
}

// BeginTX makes fosite's multi-step writes (code exchange, refresh
// rotation, reuse revocation) one transaction.
func (s *fositeStore) BeginTX(ctx context.Context) (context.Context, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return ctx, store.Classify(err)
	}
	return context.WithValue(ctx, txKey{}, tx), nil
}

func (s *fositeStore) Commit(ctx context.Context) error {
	tx, ok := ctx.Value(txKey{}).(*sql.Tx)
	if !ok {
		return errors.New("idp: commit without transaction")
	}
	if err := store.Classify(tx.Commit()); errors.Is(err, store.ErrConflict) {
		return fmt.Errorf("%w: %w", fosite.ErrSerializationFailure, err)
	} else if err != nil {
		return err
	}
	return nil
}

func (s *fositeStore) Rollback(ctx context.Context) error {
	tx, ok := ctx.Value(txKey{}).(*sql.Tx)
	if !ok {
		return errors.New("idp: rollback without transaction")
	}
	return tx.Rollback()
}

// GetClient implements fosite.ClientManager.
func (s *fositeStore) GetClient(ctx context.Context, id string) (fosite.Client, error) {
	c, err := s.clients.GetClient(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("%w: %w", fosite.ErrNotFound, err)
	}
	if err != nil {
		return nil, err
	}
	return fositeClient{c}, nil
}
