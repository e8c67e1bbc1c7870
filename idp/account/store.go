package account

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"mvnk/store"
)

// Errors of Create, both wrapping store.ErrConflict.
var (
	ErrUsernameTaken = fmt.Errorf("%w: Benutzername bereits vergeben (username taken)", store.ErrConflict)
	ErrEmailTaken    = fmt.Errorf("%w: E-Mail-Adresse bereits registriert (e-mail taken)", store.ErrConflict)
	// ErrNoAccount wraps store.ErrNotFound.
	ErrNoAccount = fmt.Errorf("%w: Konto nicht gefunden (no such account)", store.ErrNotFound)
)

// Store keeps accounts, attributes, tokens and throttle counters in the
// shared database (SQLite or PostgreSQL, one SQL text).
type Store struct {
	db  *store.DB
	Now func() time.Time // the clock; tests set it
}

// NewStore returns the store on db.
func NewStore(db *store.DB) *Store { return &Store{db: db, Now: time.Now} }

func (s *Store) now() time.Time { return store.FromMicros(store.Micros(s.Now())) }

const accountColumns = `id, kind, username, email, email_verified, password_hash, state,
	trust_level, organisation, roles, postfach_handle, created_at, updated_at`

// Create stores a new account. It fills ID, PostfachHandle and the times,
// and defaults Kind to citizen, State to pending and TrustLevel to
// Basisregistrierung. Username and e-mail are unique regardless of case.
func (s *Store) Create(ctx context.Context, a *Account) error {
	a.ID, a.PostfachHandle = store.NewID(), newPostfachHandle()
	a.CreatedAt = s.now()
	a.UpdatedAt = a.CreatedAt
	defaults(a)
	if err := validate(a); err != nil {
		return err
	}
	roles, _ := json.Marshal(a.Roles)
	_, err := s.db.ExecContext(ctx, `INSERT INTO accounts (`+accountColumns+`,
		username_norm, email_norm) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
		a.ID, a.Kind, a.Username, a.Email, a.EmailVerified, a.PasswordHash, a.State, a.TrustLevel,
		a.Organisation, string(roles), a.PostfachHandle, store.Micros(a.CreatedAt),
		store.Micros(a.UpdatedAt), normUsername(a.Username), normEmail(a.Email))
	return s.conflict(ctx, a, store.Classify(err))
}

func defaults(a *Account) {
	if a.Kind == "" {
		a.Kind = Citizen
	}
	if a.State == "" {
		a.State = Pending
	}
	if a.TrustLevel == 0 {
		a.TrustLevel = LevelBasisregistrierung
	}
	if a.Roles == nil {
		a.Roles = []string{}
	}
	a.settle()
}

// conflict tells which unique key a failed insert hit.
func (s *Store) conflict(ctx context.Context, a *Account, err error) error {
	if !isConflict(err) {
		return err
	}
	if _, lookErr := s.GetByLogin(ctx, a.Username); lookErr == nil {
		return ErrUsernameTaken
	}
	return ErrEmailTaken
}

// GetByID returns the account with id, or store.ErrNotFound.
func (s *Store) GetByID(ctx context.Context, id string) (*Account, error) {
	return s.getWhere(ctx, s.db, "id = $1", id)
}

// GetByLogin finds an account by username or, when login contains "@",
// by e-mail address, both regardless of case.
func (s *Store) GetByLogin(ctx context.Context, login string) (*Account, error) {
	if strings.Contains(login, "@") {
		return s.getWhere(ctx, s.db, "email_norm = $1", normEmail(login))
	}
	return s.getWhere(ctx, s.db, "username_norm = $1", normUsername(login))
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (s *Store) getWhere(ctx context.Context, q queryer, where string, arg any) (*Account, error) {
	a, err := scanAccount(q.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoAccount
	}
	if err != nil {
		return nil, store.Classify(err)
	}
	return a, nil
}
