// Package keys owns the platform's secrets that live in the database: the
// token signing keys the IdP publishes in its JWKS (RFC 7517) and the cookie
// secrets of gorilla/sessions. Every private part is stored sealed with
// AES-256-GCM under the master key (MVNK_MASTER_KEY), so a database dump
// alone signs nothing.
//
// Rotation is safe with several nodes on one database: each key has a
// per-alg generation with UNIQUE(alg, generation), a rotator inserts
// "generation seen + 1", and the loser of a race gets store.ErrConflict,
// which means "another node already rotated".
package keys

import (
	"crypto/aes"
	"crypto/cipher"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"mvnk/store"
)

// Manager creates, rotates, caches and publishes the keys.
type Manager struct {
	db   *store.DB
	aead cipher.AEAD
	cfg  Config
	log  *slog.Logger
	// err is a configuration or master-key error found by New; every method
	// returns it, so the start fails at the first call (Ensure).
	err error

	reloadMu   sync.Mutex  // one cache reload at a time
	refreshing atomic.Bool // a reload ahead of expiry is under way
	cache      atomic.Pointer[snapshot]
}

// New returns a Manager over db. masterKey must be 32 bytes (see
// ParseMasterKey and DevMasterKey). New does not touch the database; call
// Ensure at start-up.
func New(db *store.DB, masterKey []byte, cfg Config, logger *slog.Logger) *Manager {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	m := &Manager{db: db, cfg: cfg.withDefaults(), log: logger}
	m.err = m.cfg.validate()
	if m.err == nil {
		m.aead, m.err = newAEAD(masterKey)
	}
	return m
}

// newAEAD builds AES-256-GCM with a random 96-bit nonce prepended to each
// ciphertext (NIST SP 800-38D §8.2.2; fine for the few seals we make).
func newAEAD(masterKey []byte) (cipher.AEAD, error) {
	if len(masterKey) != masterKeySize {
		return nil, fmt.Errorf("master key has %d bytes, need %d", len(masterKey), masterKeySize)
	}
	block, err := aes.NewCipher(masterKey)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCMWithRandomNonce(block)
}

func (m *Manager) now() time.Time { return m.cfg.Now().UTC() }
