package login

import (
	"context"
	"encoding/json"
	"time"

	"mvnk/store"
)

// List returns the live sessions of an account, the most recently used
// first ("Angemeldete Geräte" in Mein Konto). Ended ones not yet purged
// are left out by the same rule Get applies.
func (s *Sessions) List(ctx context.Context, accountID string) ([]Session, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT account_id, sid, auth_time, acr, amr, created_at, last_seen
		FROM login_sessions WHERE account_id = $1 ORDER BY last_seen DESC, sid`, accountID)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	now, list := s.now(), []Session{}
	for rows.Next() {
		sess, err := scanSession(rows)
		if err != nil {
			return nil, err
		}
		if now.Before(s.expires(sess)) {
			list = append(list, *sess)
		}
	}
	return list, rows.Err()
}

func scanSession(rows interface{ Scan(...any) error }) (*Session, error) {
	var sess Session
	var authTime, created, lastSeen int64
	var amr string
	if err := rows.Scan(&sess.AccountID, &sess.SID, &authTime, &sess.ACR, &amr, &created, &lastSeen); err != nil {
		return nil, store.Classify(err)
	}
	sess.AuthTime, sess.Created, sess.LastSeen = store.FromMicros(authTime), store.FromMicros(created), store.FromMicros(lastSeen)
	return &sess, json.Unmarshal([]byte(amr), &sess.AMR)
}

// EndSID ends the session sid of the account, and only of that account:
// a sid of somebody else's session is ErrNoSession, as is an unknown one.
func (s *Sessions) EndSID(ctx context.Context, accountID, sid string) error {
	n, err := s.end(ctx, `account_id = $1 AND sid = $2`, accountID, sid)
	if err == nil && n == 0 {
		return ErrNoSession
	}
	return err
}

// EndOthers ends every session of the account but keepSID (after a
// password change, NIST SP 800-63B §6.1.2.3 / OWASP Session Management:
// other devices must log in with the new password). It returns how many.
func (s *Sessions) EndOthers(ctx context.Context, accountID, keepSID string) (int, error) {
	return s.end(ctx, `account_id = $1 AND sid <> $2`, accountID, keepSID)
}

// end deletes the sessions matching where and tells OnEnd of each, so the
// provider ends them too (their access tokens, back-channel logout).
func (s *Sessions) end(ctx context.Context, where string, args ...any) (int, error) {
	rows, err := s.db.QueryContext(ctx, `DELETE FROM login_sessions WHERE `+where+` RETURNING sid, account_id`, args...)
	if err != nil {
		return 0, store.Classify(err)
	}
	type ended struct{ sid, account string }
	var list []ended
	for rows.Next() {
		var e ended
		if err := rows.Scan(&e.sid, &e.account); err != nil {
			rows.Close()
			return 0, err
		}
		list = append(list, e)
	}
	if err := rows.Close(); err != nil {
		return 0, store.Classify(err)
	}
	for _, e := range list {
		if s.OnEnd != nil {
			if err := s.OnEnd(ctx, e.sid, e.account); err != nil {
				return len(list), err
			}
		}
	}
	return len(list), nil
}

// Ends is when the session ends unless it is used again: the earlier of
// the idle and the absolute end.
func (s *Sessions) Ends(sess *Session) time.Time { return s.expires(sess) }

// Touch records activity now, whatever touchEvery says: the "Sitzung
// verlängern" button (WCAG 2.2.1 Timing Adjustable) must move the idle
// end. It updates sess; an ended or deleted session is ErrNoSession.
func (s *Sessions) Touch(ctx context.Context, sess *Session) error {
	now := s.now()
	if !now.Before(s.expires(sess)) {
		return ErrNoSession
	}
	next := *sess
	next.LastSeen = now
	res, err := s.db.ExecContext(ctx, `UPDATE login_sessions SET last_seen = $1, expires_at = $2
		WHERE sid = $3 AND account_id = $4`, store.Micros(now), store.Micros(s.expires(&next)), sess.SID, sess.AccountID)
	if err != nil {
		return store.Classify(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNoSession
	}
	sess.LastSeen = now
	return nil
}
