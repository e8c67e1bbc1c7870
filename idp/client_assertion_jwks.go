package idp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// A client's jwks_uri (OIDC Registration §2) is fetched with a timeout and
// a size limit and cached briefly, so a key rotation at the client shows
// within minutes and a slow or huge answer cannot tie up the provider.
const (
	jwksTimeout    = 5 * time.Second
	jwksMaxBytes   = 64 << 10
	jwksTTL        = 5 * time.Minute
	jwksMinRefetch = 30 * time.Second // an unknown kid refetches at most this often
)

type jwksEntry struct {
	set     *jose.JSONWebKeySet
	fetched time.Time
}

// jwksCache fetches and caches the key sets behind registered jwks_uris.
type jwksCache struct {
	client *http.Client
	now    func() time.Time

	mu      sync.Mutex
	entries map[string]jwksEntry
}

func newJWKSCache(client *http.Client, now func() time.Time) *jwksCache {
	if client == nil {
		client = &http.Client{Timeout: jwksTimeout}
	}
	return &jwksCache{client: client, now: now, entries: map[string]jwksEntry{}}
}

// get returns the cached set for uri, fetching it when absent or older
// than jwksTTL, or when stale is set and the copy is older than
// jwksMinRefetch (the caller found no key that verifies).
func (c *jwksCache) get(ctx context.Context, uri string, stale bool) (*jose.JSONWebKeySet, error) {
	c.mu.Lock()
	e, ok := c.entries[uri]
	c.mu.Unlock()
	age := c.now().Sub(e.fetched)
	if ok && age < jwksTTL && (!stale || age < jwksMinRefetch) {
		return e.set, nil
	}
	set, err := c.fetch(ctx, uri)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.entries[uri] = jwksEntry{set: set, fetched: c.now()}
	c.mu.Unlock()
	return set, nil
}

func (c *jwksCache) fetch(ctx context.Context, uri string) (*jose.JSONWebKeySet, error) {
	ctx, cancel := context.WithTimeout(ctx, jwksTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, uri, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/jwk-set+json, application/json")
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("idp: jwks_uri: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("idp: jwks_uri answered %d", resp.StatusCode)
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, jwksMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("idp: jwks_uri: %w", err)
	}
	if len(raw) > jwksMaxBytes {
		return nil, fmt.Errorf("idp: jwks_uri: key set larger than %d bytes", jwksMaxBytes)
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(raw, &set); err != nil {
		return nil, fmt.Errorf("idp: jwks_uri: %w", err)
	}
	return &set, nil
}
