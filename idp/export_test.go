package idp

import "context"

// TokenWrites counts the statements the provider's token storage ran that
// change rows, so tests can keep a login's database cost in check.
func TokenWrites(p *Provider) int64 { return p.store.writes.Load() }

// PurgeExpiredBatch runs the clean-up with a chosen batch size.
func PurgeExpiredBatch(ctx context.Context, p *Provider, batch int) (int64, error) {
	return p.store.purgeExpired(ctx, batch)
}

// IntrospectionCached reports whether the introspection endpoint answers
// token from memory (introspect_fast.go) from now on.
func IntrospectionCached(p *Provider, token string) bool {
	_, ok := p.store.introspected.get(keyOf(token), p.cfg.Now())
	return ok
}
