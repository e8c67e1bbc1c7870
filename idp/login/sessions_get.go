package login

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"

	"mvnk/idp/account"
	"mvnk/store"
)

// Get returns the live session with the plain id, or ErrNoSession. It
// moves last_seen forward when it is older than touchEvery.
func (s *Sessions) Get(ctx context.Context, id string) (*Session, error) {
	if id == "" {
		return nil, ErrNoSession
	}
	sess, err := s.load(ctx, hashID(id))
	if err != nil {
		return nil, err
	}
	now := s.now()
	if !now.Before(s.expires(sess)) {
		return nil, ErrNoSession
	}
	if now.Sub(sess.LastSeen) >= min(touchEvery, s.Idle/2) {
		sess.LastSeen = now
		if err := s.touch(ctx, id, sess); err != nil {
			return nil, err
		}
	}
	return sess, nil
}

func (s *Sessions) load(ctx context.Context, hash string) (*Session, error) {
	var sess Session
	var authTime, created, lastSeen int64
	var amr string
	err := s.db.QueryRowContext(ctx, `SELECT account_id, sid, auth_time, acr, amr, created_at, last_seen
		FROM login_sessions WHERE id_hash = $1`, hash).
		Scan(&sess.AccountID, &sess.SID, &authTime, &sess.ACR, &amr, &created, &lastSeen)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoSession
	}
	if err != nil {
		return nil, store.Classify(err)
	}
	sess.AuthTime, sess.Created, sess.LastSeen = store.FromMicros(authTime), store.FromMicros(created), store.FromMicros(lastSeen)
	return &sess, json.Unmarshal([]byte(amr), &sess.AMR)
}

// touch records activity; a session deleted meanwhile stays deleted.
func (s *Sessions) touch(ctx context.Context, id string, sess *Session) error {
	_, err := s.db.ExecContext(ctx, `UPDATE login_sessions SET last_seen = $1, expires_at = $2
		WHERE id_hash = $3`, store.Micros(sess.LastSeen), store.Micros(s.expires(sess)), hashID(id))
	return store.Classify(err)
}

// Viewer is the browser's live login session of an active account, for
// pages that show the account to its owner (Mein Konto); ErrNoSession
// without one.
func (l *Login) Viewer(r *http.Request) (*Session, error) {
	sess, _, err := l.ViewerAccount(r)
	return sess, err
}

// ViewerAccount is Viewer with the session's account, read once.
func (l *Login) ViewerAccount(r *http.Request) (*Session, *account.Account, error) {
	sess, err := l.Sessions.Get(r.Context(), l.cookieID(r))
	if err != nil {
		return nil, nil, err
	}
	acct, err := l.activeAccount(r.Context(), sess.AccountID)
	if err != nil {
		return nil, nil, err
	}
	return sess, acct, nil
}
