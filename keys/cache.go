package keys

import (
	"context"
	"time"
)

// snapshot is an immutable view of the key table with every private key
// decrypted once. Readers load it atomically; the signer never touches the
// database or the cipher on its fast path.
type snapshot struct {
	loadedAt time.Time
	keys     []*key // ordered by alg, generation
}

// current returns the cached snapshot, reloading it when it is older than
// CacheTTL so rotations made by other nodes show up here. Past half the
// TTL one background reload renews it ahead of time, so under steady load
// no signer ever waits for the database.
func (m *Manager) current(ctx context.Context) (*snapshot, error) {
	if m.err != nil {
		return nil, m.err
	}
	if s := m.cache.Load(); s != nil && m.fresh(s) {
		if m.now().Sub(s.loadedAt) >= m.cfg.CacheTTL/2 {
			m.reloadAhead()
		}
		return s, nil
	}
	return m.reload(ctx, false)
}

// reloadAhead starts one background reload unless one is running.
func (m *Manager) reloadAhead() {
	if !m.refreshing.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer m.refreshing.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := m.reload(ctx, true); err != nil {
			m.log.Warn("keys: reload ahead of expiry failed; the next signer retries", "err", err)
		}
	}()
}

func (m *Manager) fresh(s *snapshot) bool {
	age := m.now().Sub(s.loadedAt)
	return age >= 0 && age < m.cfg.CacheTTL
}

// reload reads the table again. Keys already decrypted are reused by kid
// (rows never change), so only new keys cost a decryption. Concurrent
// callers wait for one reload instead of each querying.
func (m *Manager) reload(ctx context.Context, force bool) (*snapshot, error) {
	m.reloadMu.Lock()
	defer m.reloadMu.Unlock()
	prev := m.cache.Load()
	if !force && prev != nil && m.fresh(prev) {
		return prev, nil
	}
	rows, err := m.loadRows(ctx)
	if err != nil {
		return nil, err
	}
	known := map[string]*key{}
	if prev != nil {
		for _, k := range prev.keys {
			known[k.KID] = k
		}
	}
	s := &snapshot{loadedAt: m.now(), keys: make([]*key, 0, len(rows))}
	for _, r := range rows {
		k, err := m.reuseOrDecrypt(known[r.KID], r)
		if err != nil {
			return nil, err
		}
		s.keys = append(s.keys, k)
	}
	setLifetimes(s.keys, m.cfg.MaxTokenLifetime)
	m.cache.Store(s)
	return s, nil
}

// reuseOrDecrypt copies a known key (an old snapshot may still be read, so
// its keys are never modified) or decrypts a new one.
func (m *Manager) reuseOrDecrypt(old *key, r row) (*key, error) {
	if old != nil && old.sealed == r.sealed {
		k := *old
		return &k, nil
	}
	return m.decrypt(r)
}

// signingKey returns the key of alg that signs at now.
func (s *snapshot) signingKey(alg string, now time.Time) *key {
	for _, k := range s.keys {
		if k.Alg == alg && k.signing(now) {
			return k
		}
	}
	return nil
}
