package login

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"mvnk/store"
)

// Default limits of a login session (BSI IT-Grundschutz ORP.4.A13 and
// NIST SP 800-63B §7.2: an idle and an absolute end).
const (
	DefaultIdle     = 30 * time.Minute
	DefaultAbsolute = 12 * time.Hour
	// touchEvery: last_seen is written at most this often, so a busy
	// browser costs few writes; the idle end is precise to it.
	touchEvery = time.Minute
	purgeBatch = 1000
)

// ErrNoSession: no session with this id, or it has ended.
var ErrNoSession = errors.New("login: no such session")

// Session is one server-side login session.
type Session struct {
	AccountID string
	SID       string // sid of the ID token
	AuthTime  time.Time
	ACR       string
	AMR       []string
	Created   time.Time
	LastSeen  time.Time
}

// Sessions keeps login sessions in the shared database, so every node
// sees every login and a logout ends it everywhere.
type Sessions struct {
	db       *store.DB
	Idle     time.Duration
	Absolute time.Duration
	Now      func() time.Time
	// OnEnd is told of every session ended here other than by a logout
	// through the provider (the console, a password change or reset), so
	// the provider ends it as well; nil: nobody is told.
	OnEnd func(ctx context.Context, sid, accountID string) error
}

// NewSessions returns the store with the default limits.
func NewSessions(db *store.DB) *Sessions {
	return &Sessions{db: db, Idle: DefaultIdle, Absolute: DefaultAbsolute, Now: time.Now}
}

func (s *Sessions) now() time.Time { return store.FromMicros(store.Micros(s.Now())) }

// expires is the earlier of the absolute and the idle end.
func (s *Sessions) expires(sess *Session) time.Time {
	abs, idle := sess.Created.Add(s.Absolute), sess.LastSeen.Add(s.Idle)
	if idle.Before(abs) {
		return idle
	}
	return abs
}

// Create starts a session for an account just authenticated with acr and
// amr. It returns the plain id for the cookie; only its hash is stored.
func (s *Sessions) Create(ctx context.Context, accountID, acr string, amr []string) (string, *Session, error) {
	now := s.now()
	sess := &Session{AccountID: accountID, SID: store.NewID(), AuthTime: now.Truncate(time.Second),
		ACR: acr, AMR: amr, Created: now, LastSeen: now}
	id := newSecret()
	rawAMR, _ := json.Marshal(amr)
	_, err := s.db.ExecContext(ctx, `INSERT INTO login_sessions (id_hash, account_id, sid, auth_time,
		acr, amr, created_at, last_seen, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)`,
		hashID(id), accountID, sess.SID, store.Micros(sess.AuthTime), acr, string(rawAMR),
		store.Micros(now), store.Micros(s.expires(sess)))
	if err != nil {
		return "", nil, store.Classify(err)
	}
	return id, sess, nil
}

// Delete ends the session with the plain id.
func (s *Sessions) Delete(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM login_sessions WHERE id_hash = $1`, hashID(id))
	return store.Classify(err)
}

// DeleteSID ends the session with the ID token's sid.
func (s *Sessions) DeleteSID(ctx context.Context, sid string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM login_sessions WHERE sid = $1`, sid)
	return store.Classify(err)
}

// DeleteAccount ends every session of an account.
func (s *Sessions) DeleteAccount(ctx context.Context, accountID string) error {
	_, err := s.end(ctx, `account_id = $1`, accountID)
	return err
}

// Purge deletes ended sessions in batches. It is a jobs.Handler:
// runner.Every("login.sessions_purge", time.Hour, sessions.Purge).
func (s *Sessions) Purge(ctx context.Context, _ string) error {
	_, err := s.db.DeleteExpired(ctx, "login_sessions", "id_hash", s.now(), purgeBatch)
	return err
}

// newSecret is 256 random bits, base64url.
func newSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func hashID(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}
