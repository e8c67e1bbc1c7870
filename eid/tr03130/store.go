package tr03130

import (
	"context"
	"fmt"
	"time"

	"mvnk/eid/trust"
	"mvnk/store"
)

// session is one open identification at the eID-Server.
type session struct {
	Handle        string
	SessionID     string // useIDResponse Session/ID
	PSKID         string
	PSKSealed     string // PSK/Key, sealed: it opens the card channel
	ServerAddress string // eCardServerAddress, the TC Token's ServerAddress
	ReturnURL     string
	MinLevel      trust.Level
	Counter       int64
	CreatedAt     time.Time
	ExpiresAt     time.Time
}

// sessions keeps the open identifications in the database, so the
// callback may land on any node.
type sessions struct{ db *store.DB }

func (s sessions) create(ctx context.Context, x session) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO eid_tr03130_sessions
		(handle, session_id, psk_id, psk_sealed, server_address, return_url, min_level, counter, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		x.Handle, x.SessionID, x.PSKID, x.PSKSealed, x.ServerAddress, x.ReturnURL,
		int(x.MinLevel), x.Counter, store.Micros(x.CreatedAt), store.Micros(x.ExpiresAt))
	return store.Classify(err)
}

// get returns the session unless it has expired (store.ErrNotFound).
func (s sessions) get(ctx context.Context, handle string, now time.Time) (session, error) {
	var x session
	var level int
	var created, expires int64
	err := s.db.QueryRowContext(ctx, `SELECT handle, session_id, psk_id, psk_sealed, server_address,
		return_url, min_level, counter, created_at, expires_at
		FROM eid_tr03130_sessions WHERE handle = $1 AND expires_at > $2`, handle, store.Micros(now)).
		Scan(&x.Handle, &x.SessionID, &x.PSKID, &x.PSKSealed, &x.ServerAddress,
			&x.ReturnURL, &level, &x.Counter, &created, &expires)
	if err != nil {
		return session{}, fmt.Errorf("eid session: %w", store.Classify(err))
	}
	x.MinLevel, x.CreatedAt, x.ExpiresAt = trust.Level(level), store.FromMicros(created), store.FromMicros(expires)
	return x, nil
}

// nextCounter increments the RequestCounter in one statement, so two
// nodes polling one session never send the same value (TR-03130
// §3.2.2.1: the counter makes each call unique against replay).
func (s sessions) nextCounter(ctx context.Context, handle string, now time.Time) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `UPDATE eid_tr03130_sessions SET counter = counter + 1
		WHERE handle = $1 AND expires_at > $2 RETURNING counter`, handle, store.Micros(now)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("eid session counter: %w", store.Classify(err))
	}
	return n, nil
}

// delete ends a session: after a final getResult answer the eID-Server
// has invalidated it, and the handle must not be completed twice.
func (s sessions) delete(ctx context.Context, handle string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM eid_tr03130_sessions WHERE handle = $1`, handle)
	return store.Classify(err)
}

// purge removes the expired sessions (abandoned identifications).
func (s sessions) purge(ctx context.Context, now time.Time) (int64, error) {
	return s.db.DeleteExpired(ctx, "eid_tr03130_sessions", "handle", now, 500)
}
