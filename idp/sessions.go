package idp

import (
	"context"
	"errors"
	"time"

	"mvnk/store"
)

// sessionRowLife bounds the rows of idp_sessions. A login session of the
// portal lasts hours; the rows must outlive it, or a logout would miss a
// client (Back-Channel Logout 1.0 §2.1) or an ended session would revive.
const sessionRowLife = 30 * 24 * time.Hour

// sessionState is what an authorization needs to know of a login session.
type sessionState struct {
	endedAt int64 // micros; 0: never ended
	joined  bool  // the client already has a row
}

// endedFor: the session was logged out after auth happened. A login made
// after the logout (same sid, newer auth_time) is a fresh one.
func (s sessionState) endedFor(auth *Authentication) bool {
	return s.endedAt != 0 && store.Micros(auth.AuthTime) <= s.endedAt
}

var errSessionEnded = errors.New("idp: login session was logged out")

func (p *Provider) sessionState(ctx context.Context, sid, clientID string) (sessionState, error) {
	var st sessionState
	var joined int64
	err := p.store.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(ended_at), 0),
		COUNT(CASE WHEN client_id = $2 THEN 1 END) FROM idp_sessions WHERE sid = $1`,
		sid, clientID).Scan(&st.endedAt, &joined)
	st.joined = joined > 0
	return st, store.Classify(err)
}

// joinSession records that clientID got an authorization in session sid:
// one upsert, only the first time (the caller checked sessionState).
func (p *Provider) joinSession(ctx context.Context, sid, clientID, subject string) error {
	now := p.cfg.Now()
	_, err := p.store.db.ExecContext(ctx, `INSERT INTO idp_sessions
		(sid, client_id, subject, joined_at, expires_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (sid, client_id) DO UPDATE SET joined_at = excluded.joined_at,
		expires_at = excluded.expires_at`,
		sid, clientID, subject, store.Micros(now), store.Micros(now.Add(sessionRowLife)))
	return store.Classify(err)
}

// sessionSubject is the local account of a client's row in a session.
func (p *Provider) sessionSubject(ctx context.Context, sid, clientID string) (string, error) {
	var subject string
	err := p.store.db.QueryRowContext(ctx, `SELECT subject FROM idp_sessions
		WHERE sid = $1 AND client_id = $2`, sid, clientID).Scan(&subject)
	return subject, store.Classify(err)
}

// PurgeSessions deletes expired session rows in batches. It is a
// jobs.Handler: runner.Every("idp.sessions_purge", time.Hour, p.PurgeSessions).
func (p *Provider) PurgeSessions(ctx context.Context, _ string) error {
	_, err := p.store.db.DeleteExpired(ctx, "idp_sessions", "sid, client_id", p.cfg.Now(), purgeBatch)
	return err
}
