package keys_test

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/keys"
	"mvnk/store"
)

// clock is a settable time source shared by the managers ("nodes") of a test.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock {
	return &clock{now: time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func masterKey(fill byte) []byte { return bytes.Repeat([]byte{fill}, 32) }

// testConfig: defaults except a settable clock and 2048-bit RSA, whose
// generation is bearable under -race.
func testConfig(c *clock) keys.Config {
	return keys.Config{RSABits: 2048, Now: c.Now}
}

// node starts a Manager on db the way the app does: New, then Ensure.
func node(t testing.TB, db *store.DB, cfg keys.Config) *keys.Manager {
	t.Helper()
	m := keys.New(db, masterKey(1), cfg, slog.New(slog.DiscardHandler))
	require.NoError(t, m.Ensure(context.Background()))
	return m
}

func kids(t testing.TB, m *keys.Manager) []string {
	t.Helper()
	set, err := m.JWKS(context.Background())
	require.NoError(t, err)
	var out []string
	for _, k := range set.Keys {
		out = append(out, k.KeyID)
	}
	return out
}

func activeKID(t testing.TB, m *keys.Manager, alg string) string {
	t.Helper()
	k, err := m.SigningKey(context.Background(), alg)
	require.NoError(t, err)
	return k.KID
}

// byAlg counts stored keys per alg.
func byAlg(t testing.TB, m *keys.Manager) map[string]int {
	t.Helper()
	list, err := m.List(context.Background())
	require.NoError(t, err)
	n := map[string]int{}
	for _, k := range list {
		n[k.Alg]++
	}
	return n
}
