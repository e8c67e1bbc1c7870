package idp

import (
	"context"
	"sync"
	"time"
)

// ClientCache keeps recently read clients in memory for a short time.
// fosite asks for the client several times per token request; without the
// cache each ask is a database round trip. A change made on any node (CLI,
// admin API) is seen by every node within TTL.
type ClientCache struct {
	src ClientSource
	ttl time.Duration
	now func() time.Time

	mu      sync.RWMutex
	entries map[string]cachedClient
}

type cachedClient struct {
	client  Client
	expires time.Time
}

var _ ClientSource = (*ClientCache)(nil)

// NewClientCache caches src's clients for ttl (a few seconds).
func NewClientCache(src ClientSource, ttl time.Duration) *ClientCache {
	return &ClientCache{src: src, ttl: ttl, now: time.Now, entries: map[string]cachedClient{}}
}

// GetClient returns a copy of the cached client, or reads it. Errors
// (unknown client, database down) are not cached.
func (c *ClientCache) GetClient(ctx context.Context, id string) (*Client, error) {
	now := c.now()
	c.mu.RLock()
	e, ok := c.entries[id]
	c.mu.RUnlock()
	if ok && now.Before(e.expires) {
		cl := e.client
		return &cl, nil
	}
	fresh, err := c.src.GetClient(ctx, id)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.evictExpired(now)
	c.entries[id] = cachedClient{client: *fresh, expires: now.Add(c.ttl)}
	cl := *fresh
	return &cl, nil
}

// evictExpired keeps the map from growing with ids asked for once; the
// caller holds the lock. It runs only when the map has grown large.
func (c *ClientCache) evictExpired(now time.Time) {
	if len(c.entries) < 1024 {
		return
	}
	for id, e := range c.entries {
		if !now.Before(e.expires) {
			delete(c.entries, id)
		}
	}
}
