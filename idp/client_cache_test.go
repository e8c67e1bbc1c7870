package idp

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/store"
)

type countingSource struct {
	calls   int
	clients map[string]*Client
}

func (s *countingSource) GetClient(_ context.Context, id string) (*Client, error) {
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
