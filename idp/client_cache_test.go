package idp

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/store"
)

type countingSource struct {
	mu      sync.Mutex
	calls   int
	clients map[string]*Client
}

func (s *countingSource) count() int { s.mu.Lock(); defer s.mu.Unlock(); return s.calls }

func (s *countingSource) GetClient(_ context.Context, id string) (*Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	c, ok := s.clients[id]
	if !ok {
		return nil, store.ErrNotFound
	}
	cp := *c
	return &cp, nil
}

func TestClientCacheServesWithinTTLThenRereads(t *testing.T) {
	src := &countingSource{clients: map[string]*Client{"a": {ID: "a", Name: "Alt"}}}
	c := NewClientCache(src, 5*time.Second)
	now := time.Now()
	c.now = func() time.Time { return now }
	ctx := context.Background()

	for range 3 {
		cl, err := c.GetClient(ctx, "a")
		require.NoError(t, err)
		require.Equal(t, "Alt", cl.Name)
	}
	require.Equal(t, 1, src.calls, "one read within the TTL")

	got, _ := c.GetClient(ctx, "a")
	got.Name = "verändert"
	again, _ := c.GetClient(ctx, "a")
	require.Equal(t, "Alt", again.Name, "callers get copies")

	src.clients["a"].Name = "Neu"
	now = now.Add(6 * time.Second)
	cl, err := c.GetClient(ctx, "a")
	require.NoError(t, err)
	require.Equal(t, "Neu", cl.Name, "a change is seen after the TTL")

	_, err = c.GetClient(ctx, "missing")
	require.ErrorIs(t, err, store.ErrNotFound)
	_, _ = c.GetClient(ctx, "missing")
	require.Equal(t, 4, src.calls, "misses are not cached")
}

// Past half its TTL an entry is read again in the background while the
// cached copy is served, so requests never all miss at once.
func TestClientCacheReadsAhead(t *testing.T) {
	src := &countingSource{clients: map[string]*Client{"a": {ID: "a", Name: "Alt"}}}
	c := NewClientCache(src, 4*time.Second)
	var mu sync.Mutex
	now := time.Now()
	c.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	ctx := context.Background()
	_, err := c.GetClient(ctx, "a")
	require.NoError(t, err)

	src.mu.Lock()
	src.clients["a"].Name = "Neu"
	src.mu.Unlock()
	mu.Lock()
	now = now.Add(3 * time.Second)
	mu.Unlock()
	cl, err := c.GetClient(ctx, "a")
	require.NoError(t, err)
	require.Equal(t, "Alt", cl.Name, "the cached copy answers at once")
	require.Eventually(t, func() bool { return src.count() == 2 }, 5*time.Second, time.Millisecond)
	require.Eventually(t, func() bool {
		cl, _ := c.GetClient(ctx, "a")
		return cl.Name == "Neu"
	}, 5*time.Second, time.Millisecond, "the entry was renewed in the background")
}
