package idp

import (
	"context"
	"database/sql"

	"mvnk/store"
)

// EndLoginSession ends at the provider a login session the login step
// ended on its own (Mein Konto, a password change or reset): as a logout
// would, it revokes the session's access tokens and tells the clients of
// the session through back-channel logout.
func (p *Provider) EndLoginSession(ctx context.Context, sid, accountID string) error {
	return p.endSession(ctx, sid, accountID)
}

// endSession marks login session sid ended, revokes the access tokens
// issued in it and enqueues a back-channel logout for each client of the
// session that registered a backchannel_logout_uri — all in one
// transaction, so no client is forgotten when a node dies halfway
// (Back-Channel Logout 1.0 §2.7 describes the OP's duties).
//
// Refresh tokens are kept: this provider issues them only with
// offline_access, and §2.7 says those normally SHOULD NOT be revoked.
// The relying party drops its own on receiving the logout token.
func (p *Provider) endSession(ctx context.Context, sid, subject string) error {
	return p.store.db.InTx(ctx, func(tx *sql.Tx) error {
		clients, err := p.markEnded(ctx, tx, sid, subject)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM idp_tokens
			WHERE session_id = $1 AND kind = $2`, sid, kindAccess); err != nil {
			return store.Classify(err)
		}
		for _, id := range clients {
			if err := p.enqueueBackchannel(ctx, tx, sid, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// markEnded sets ended_at on every row of sid, writes the session's own
// row, and returns the clients that joined it.
func (p *Provider) markEnded(ctx context.Context, tx *sql.Tx, sid, subject string) ([]string, error) {
	now := p.cfg.Now()
	if _, err := tx.ExecContext(ctx, `UPDATE idp_sessions SET ended_at = $2 WHERE sid = $1`,
		sid, store.Micros(now)); err != nil {
		return nil, store.Classify(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO idp_sessions
		(sid, client_id, subject, joined_at, ended_at, expires_at) VALUES ($1, '', $2, $3, $3, $4)
		ON CONFLICT (sid, client_id) DO UPDATE SET ended_at = excluded.ended_at`,
		sid, subject, store.Micros(now), store.Micros(now.Add(sessionRowLife))); err != nil {
		return nil, store.Classify(err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT client_id FROM idp_sessions
		WHERE sid = $1 AND client_id <> '' ORDER BY client_id`, sid)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
