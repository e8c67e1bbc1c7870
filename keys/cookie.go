package keys

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"

	"mvnk/store"
)

// Sizes of a gorilla/securecookie key pair: an HMAC-SHA256 hash key of 64
// bytes (securecookie recommends 32 or 64) and an AES-256 block key.
const (
	cookieHashKeySize  = 64
	cookieBlockKeySize = 32
)

// CookieKeys returns the key pairs for sessions.NewCookieStore(pairs...):
// hash and block key of the newest pair, then of the previous pair, so
// cookies made before the last rotation still decode. The first call on an
// empty database creates a pair. Other nodes see a rotation when they call
// CookieKeys again.
func (m *Manager) CookieKeys(ctx context.Context) ([][]byte, error) {
	if m.err != nil {
		return nil, m.err
	}
	pairs, err := m.cookiePairs(ctx)
	if err == nil && len(pairs) == 0 {
		if err = m.addCookiePair(ctx, 1); err == nil {
			pairs, err = m.cookiePairs(ctx)
		}
	}
	return pairs, err
}

// RotateCookieKeys makes a new pair and drops all but the previous one.
// Cookies older than two rotations no longer decode: sessions end.
func (m *Manager) RotateCookieKeys(ctx context.Context) error {
	if m.err != nil {
		return m.err
	}
	var newest int64
	err := m.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(generation), 0) FROM cookie_keys`).Scan(&newest)
	if err != nil {
		return fmt.Errorf("read cookie keys: %w", store.Classify(err))
	}
	if err := m.addCookiePair(ctx, newest+1); err != nil {
		return err
	}
	_, err = m.db.ExecContext(ctx, `DELETE FROM cookie_keys WHERE generation < $1`, newest)
	if err != nil {
		return fmt.Errorf("delete old cookie keys: %w", store.Classify(err))
	}
	return nil
}

// addCookiePair stores generation gen; a conflict means another node made
// it first, which serves as well.
func (m *Manager) addCookiePair(ctx context.Context, gen int64) error {
	secret := make([]byte, cookieHashKeySize+cookieBlockKeySize)
	_, _ = rand.Read(secret) // crypto/rand.Read never fails (Go ≥ 1.24)
	id := store.NewID()
	_, err := m.db.ExecContext(ctx,
		`INSERT INTO cookie_keys (id, generation, created_at, secret) VALUES ($1, $2, $3, $4)`,
		id, gen, store.Micros(m.now()), m.seal(secret, cookieAD(id)))
	if err = store.Classify(err); errors.Is(err, store.ErrConflict) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store cookie keys: %w", err)
	}
	m.log.InfoContext(ctx, "keys: created cookie keys", "generation", gen)
	return nil
}

// cookiePairs reads and opens the newest two pairs, newest first.
func (m *Manager) cookiePairs(ctx context.Context) ([][]byte, error) {
	rows, err := m.db.QueryContext(ctx,
		`SELECT id, secret FROM cookie_keys ORDER BY generation DESC LIMIT 2`)
	if err != nil {
		return nil, fmt.Errorf("read cookie keys: %w", store.Classify(err))
	}
	defer rows.Close()
	var pairs [][]byte
	for rows.Next() {
		var id, sealed string
		if err := rows.Scan(&id, &sealed); err != nil {
			return nil, fmt.Errorf("read cookie keys: %w", err)
		}
		secret, err := m.open(sealed, cookieAD(id))
		if err != nil {
			return nil, fmt.Errorf("cookie keys %s: %w", id, err)
		}
		if len(secret) != cookieHashKeySize+cookieBlockKeySize {
			return nil, fmt.Errorf("cookie keys %s: %d bytes stored", id, len(secret))
		}
		pairs = append(pairs, secret[:cookieHashKeySize:cookieHashKeySize], secret[cookieHashKeySize:])
	}
	return pairs, rows.Err()
}
