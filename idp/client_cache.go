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

	mu       sync.RWMutex
	entries  map[string]cachedClient
	inFlight map[string]bool // ids being read ahead of expiry
}

type cachedClient struct {
	client  Client
	expires time.Time
}

var _ ClientSource = (*ClientCache)(nil)

// NewClientCache caches src's clients for ttl (a few seconds).
func NewClientCache(src ClientSource, ttl time.Duration) *ClientCache {
	return &ClientCache{src: src, ttl: ttl, now: time.Now, entries: map[string]cachedClient{}, inFlight: map[string]bool{}}
}

// GetClient returns a copy of the cached client, or reads it. Errors
// (unknown client, database down) are not cached.
func (c *ClientCache) GetClient(ctx context.Context, id string) (*Client, error) {
	now := c.now()
	c.mu.RLock()
	e, ok := c.entries[id]
	c.mu.RUnlock()
	if ok && now.Before(e.expires) {
		if e.expires.Sub(now) < c.ttl/2 {
			c.readAhead(id)
		}
		cl := e.client
		return &cl, nil
	}
	fresh, err := c.src.GetClient(ctx, id)
	if err != nil {
		return nil, err
	}
	c.store(id, fresh, now)
	cl := *fresh
	return &cl, nil
}

func (c *ClientCache) store(id string, cl *Client, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.evictExpired(now)
	c.entries[id] = cachedClient{client: *cl, expires: now.Add(c.ttl)}
}

// readAhead renews an entry in the background before it expires, so that
// under load the requests never all miss at once and queue for the
// database. A failed read leaves the entry to expire.
func (c *ClientCache) readAhead(id string) {
	c.mu.Lock()
	if c.inFlight[id] {
		c.mu.Unlock()
		return
	}
	c.inFlight[id] = true
	c.mu.Unlock()
	go func() {
		defer func() { c.mu.Lock(); delete(c.inFlight, id); c.mu.Unlock() }()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if fresh, err := c.src.GetClient(ctx, id); err == nil {
			c.store(id, fresh, c.now())
		}
	}()
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
