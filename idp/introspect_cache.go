package idp

import (
	"crypto/sha256"
	"sync"
	"time"

	"github.com/ory/fosite"
)

// introspectionCacheSize bounds the verified JWT access tokens a node
// remembers; an entry is a few hundred bytes.
const introspectionCacheSize = 100_000

// verifiedToken is what a full introspection of a JWT access token found
// out: its signature and claims were checked, its row was read and opened.
// None of it can change for the token's lifetime; whether the token is
// still active (not revoked) is never cached, see introspectFast.
type verifiedToken struct {
	body     []byte // fosite's RFC 7662 §2.2 answer for an allowed caller
	clientID string
	audience fosite.Arguments // the granted audience (mayIntrospect)
	rowID    string           // its idp_tokens row
	kid      string           // the key that signed it, still published?
	exp      time.Time
}

type tokenKey [sha256.Size]byte

// introspectionCache maps SHA-256(token) to what was verified about it.
// Its zero value is ready to use. When full, the oldest entry goes first.
type introspectionCache struct {
	mu      sync.RWMutex
	entries map[tokenKey]*verifiedToken
	order   []tokenKey // insertion order; may hold keys already removed
}

func keyOf(token string) tokenKey { return sha256.Sum256([]byte(token)) }

// get returns the entry for token if it has not expired by now.
func (c *introspectionCache) get(k tokenKey, now time.Time) (*verifiedToken, bool) {
	c.mu.RLock()
	e, ok := c.entries[k]
	c.mu.RUnlock()
	if !ok || !now.Before(e.exp) {
		return nil, false
	}
	return e, true
}

func (c *introspectionCache) put(k tokenKey, e *verifiedToken) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = make(map[tokenKey]*verifiedToken)
	}
	if _, ok := c.entries[k]; ok { // verified twice concurrently
		c.entries[k] = e
		return
	}
	for len(c.entries) >= introspectionCacheSize && len(c.order) > 0 {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
	if len(c.order) >= 2*introspectionCacheSize {
		c.compact()
	}
	c.entries[k] = e
	c.order = append(c.order, k)
}

// remove forgets a token that is gone (revoked, expired).
func (c *introspectionCache) remove(k tokenKey) {
	c.mu.Lock()
	delete(c.entries, k)
	c.mu.Unlock()
}

// compact drops keys of removed entries from order, so that order stays
// bounded when tokens are revoked faster than the cache fills.
func (c *introspectionCache) compact() {
	kept := make([]tokenKey, 0, len(c.entries))
	seen := make(map[tokenKey]bool, len(c.entries))
	for _, k := range c.order {
		if _, ok := c.entries[k]; ok && !seen[k] {
			seen[k] = true
			kept = append(kept, k)
		}
	}
	c.order = kept
}
