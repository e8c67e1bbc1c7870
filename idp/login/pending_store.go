package login

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"mvnk/store"
)

// Limits of a pending login: five minutes to enter the second factor,
// and five wrong codes before it is dropped and the password is asked
// again (the per-account throttle counts on across pending logins).
const (
	pendingTTL         = 5 * time.Minute
	maxPendingFailures = 5
)

// ErrNoPending: no pending login with this id, or it has expired.
var ErrNoPending = errors.New("login: no pending login")

// Pending is a half-done login waiting for the second factor.
type Pending struct {
	AccountID string
	Weiter    string   // the continuation after the login
	AMR       []string // proven so far (RFC 8176), "pwd" first
	Failures  int
	ExpiresAt time.Time
	idHash    string
}

// pendings keeps pending logins beside the sessions, on their clock.
type pendings struct {
	db  *store.DB
	now func() time.Time
}

func (l *Login) pending() *pendings { return &pendings{db: l.Sessions.db, now: l.Sessions.now} }

// create stores a pending login and returns the plain id for the cookie.
// Expired ones are cleared on the way: they are few and short-lived.
func (ps *pendings) create(ctx context.Context, accountID, weiter string, amr []string) (string, error) {
	now := ps.now()
	if _, err := ps.db.ExecContext(ctx, `DELETE FROM login_pending WHERE expires_at <= $1`, store.Micros(now)); err != nil {
		return "", store.Classify(err)
	}
	id := newSecret()
	raw, _ := json.Marshal(amr)
	_, err := ps.db.ExecContext(ctx, `INSERT INTO login_pending (id_hash, account_id, weiter, amr,
		created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`, hashID(id), accountID, weiter,
		string(raw), store.Micros(now), store.Micros(now.Add(pendingTTL)))
	return id, store.Classify(err)
}

// get returns the live pending login with the plain id, or ErrNoPending.
func (ps *pendings) get(ctx context.Context, id string) (*Pending, error) {
	if id == "" {
		return nil, ErrNoPending
	}
	p := &Pending{idHash: hashID(id)}
	var amr string
	var expires int64
	err := ps.db.QueryRowContext(ctx, `SELECT account_id, weiter, amr, failures, expires_at
		FROM login_pending WHERE id_hash = $1`, p.idHash).Scan(&p.AccountID, &p.Weiter, &amr, &p.Failures, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoPending
	}
	if err != nil {
		return nil, store.Classify(err)
	}
	if p.ExpiresAt = store.FromMicros(expires); !ps.now().Before(p.ExpiresAt) {
		return nil, ErrNoPending
	}
	return p, json.Unmarshal([]byte(amr), &p.AMR)
}

// fail counts a wrong code; at the limit the pending login is dropped
// and fail reports true.
func (ps *pendings) fail(ctx context.Context, p *Pending) (bool, error) {
	err := ps.db.QueryRowContext(ctx, `UPDATE login_pending SET failures = failures + 1
		WHERE id_hash = $1 RETURNING failures`, p.idHash).Scan(&p.Failures)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil
	}
	if err != nil || p.Failures < maxPendingFailures {
		return false, store.Classify(err)
	}
	return true, ps.delete(ctx, p)
}

// delete removes the pending login; ErrNoPending if another request did
// first, so a pending login finishes once.
func (ps *pendings) delete(ctx context.Context, p *Pending) error {
	res, err := ps.db.ExecContext(ctx, `DELETE FROM login_pending WHERE id_hash = $1`, p.idHash)
	if err != nil {
		return store.Classify(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNoPending
	}
	return nil
}
