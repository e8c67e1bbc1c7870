package keys

import (
	"context"
	"errors"
	"fmt"
	"time"

	"mvnk/store"
)

// Ensure creates the first key of every configured alg that has none. The
// first key signs at once: nobody can have cached a JWKS without it. It is
// safe when several nodes start together, and it decrypts every stored key,
// so a wrong master key fails the start.
func (m *Manager) Ensure(ctx context.Context) error {
	if m.err != nil {
		return m.err
	}
	for _, alg := range m.cfg.Algorithms {
		_, ok, err := m.newest(ctx, alg)
		if err != nil {
			return err
		}
		if ok {
			continue
		}
		now := m.now()
		if err := m.add(ctx, alg, 1, now, now); err != nil {
			return err
		}
	}
	_, err := m.reload(ctx, true)
	return err
}

// Rotate starts a rotation of every alg: a new key published now that signs
// after PrePublish. While an alg already has a pending key, that rotation is
// still under way and no second key is made, so `mvnk keys rotate` on two
// nodes at once yields one new key per alg. It returns the pending keys.
func (m *Manager) Rotate(ctx context.Context) ([]KeyInfo, error) {
	if m.err != nil {
		return nil, m.err
	}
	kids := map[string]bool{}
	for _, alg := range m.cfg.Algorithms {
		kid, err := m.rotateAlg(ctx, alg, func(newest row, now time.Time) bool {
			return !now.Before(newest.ActivateAt) // none pending
		})
		if err != nil {
			return nil, err
		}
		kids[kid] = true
	}
	all, err := m.List(ctx)
	if err != nil {
		return nil, err
	}
	var out []KeyInfo
	for _, info := range all {
		if kids[info.KID] {
			out = append(out, info)
		}
	}
	return out, nil
}

// RotateIfDue is the scheduled rotation: an alg rotates when its newest key
// is older than RotateEvery. It then deletes keys whose publication ended.
func (m *Manager) RotateIfDue(ctx context.Context) error {
	if m.err != nil {
		return m.err
	}
	for _, alg := range m.cfg.Algorithms {
		_, err := m.rotateAlg(ctx, alg, func(newest row, now time.Time) bool {
			return now.Sub(newest.Created) >= m.cfg.RotateEvery
		})
		if err != nil {
			return err
		}
	}
	return m.deleteUnpublished(ctx)
}

// rotateAlg adds generation newest+1 of alg when due says so, and returns
// the kid of the newest key afterwards. Losing the insert race to another
// node is success: that node's key is the rotation.
func (m *Manager) rotateAlg(ctx context.Context, alg string, due func(row, time.Time) bool) (string, error) {
	newest, ok, err := m.newest(ctx, alg)
	if err != nil {
		return "", err
	}
	now := m.now()
	if !ok {
		return "", fmt.Errorf("keys: no %s key to rotate (run keys.Ensure first)", alg)
	}
	if !due(newest, now) {
		return newest.KID, nil
	}
	err = m.add(ctx, alg, newest.Generation+1, now, now.Add(m.cfg.PrePublish))
	if err != nil {
		return "", err
	}
	newest, _, err = m.newest(ctx, alg)
	return newest.KID, err
}

// add generates and stores a key. A conflict means another node stored this
// generation first; its key serves.
func (m *Manager) add(ctx context.Context, alg string, gen int64, created, activateAt time.Time) error {
	r, err := m.newRow(alg, gen, created, activateAt)
	if err != nil {
		return err
	}
	err = m.insert(ctx, r)
	if errors.Is(err, store.ErrConflict) {
		m.log.InfoContext(ctx, "keys: another node created this key generation first", "alg", alg, "generation", gen)
		return nil
	}
	if err == nil {
		m.log.InfoContext(ctx, "keys: created signing key", "kid", r.KID, "alg", alg,
			"generation", gen, "signs_from", activateAt)
	}
	return err
}

// deleteUnpublished removes keys past their publication end; every token
// they signed has expired.
func (m *Manager) deleteUnpublished(ctx context.Context) error {
	s, err := m.reload(ctx, true)
	if err != nil {
		return err
	}
	now := m.now()
	for _, k := range s.keys {
		if k.published(now) {
			continue
		}
		if err := m.deleteKey(ctx, k.KID); err != nil {
			return err
		}
		m.log.InfoContext(ctx, "keys: deleted retired signing key", "kid", k.KID, "alg", k.Alg)
	}
	return nil
}
