package keys

import (
	"context"
	"time"
)

// KeyInfo describes a signing key for `mvnk keys list`; no secret in it.
type KeyInfo struct {
	KID        string    `json:"kid"`
	Alg        string    `json:"alg"`
	Generation int64     `json:"generation"`
	State      string    `json:"state"` // StatePending, StateActive or StateRetired
	Created    time.Time `json:"created"`
	SignsFrom  time.Time `json:"signs_from"`
	// PublishedUntil is when the key leaves the JWKS; zero while no newer
	// key of its alg exists.
	PublishedUntil time.Time `json:"published_until,omitzero"`
}

// List reads the key table afresh and describes every stored key, ordered
// by alg and generation.
func (m *Manager) List(ctx context.Context) ([]KeyInfo, error) {
	if m.err != nil {
		return nil, m.err
	}
	s, err := m.reload(ctx, true)
	if err != nil {
		return nil, err
	}
	now := m.now()
	out := make([]KeyInfo, 0, len(s.keys))
	for _, k := range s.keys {
		out = append(out, KeyInfo{
			KID: k.KID, Alg: k.Alg, Generation: k.Generation, State: k.state(now),
			Created: k.Created, SignsFrom: k.ActivateAt, PublishedUntil: k.until,
		})
	}
	return out, nil
}

// scheduleEvery is how often Run checks for a due rotation. Lateness only
// delays a rotation or a clean-up; correctness does not depend on it.
const scheduleEvery = 10 * time.Minute

// Run calls RotateIfDue now and then every ten minutes until ctx ends. Run
// it on every node: the generation constraint makes extra runs harmless.
func (m *Manager) Run(ctx context.Context) {
	t := time.NewTicker(scheduleEvery)
	defer t.Stop()
	for {
		if err := m.RotateIfDue(ctx); err != nil && ctx.Err() == nil {
			m.log.ErrorContext(ctx, "keys: scheduled rotation failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
