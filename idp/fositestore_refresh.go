package idp

import (
	"context"
	"fmt"
	"math"

	"github.com/ory/fosite"

	"mvnk/store"
)

// Access tokens: one row per token, JWT or opaque, so revocation and
// introspection work for both (idp-anchors §4.4 pitfall 5).

func (s *fositeStore) CreateAccessTokenSession(ctx context.Context, signature string, r fosite.Requester) error {
	return s.create(ctx, kindAccess, signature, "", r)
}

func (s *fositeStore) GetAccessTokenSession(ctx context.Context, signature string, sess fosite.Session) (fosite.Requester, error) {
	req, _, err := s.get(ctx, kindAccess, signature, sess)
	return req, err
}

func (s *fositeStore) DeleteAccessTokenSession(ctx context.Context, signature string) error {
	return s.deleteRow(ctx, kindAccess, signature)
}

// RevokeAccessToken revokes every access token of the grant (RFC 7009 §2.1).
func (s *fositeStore) RevokeAccessToken(ctx context.Context, requestID string) error {
	return s.deleteGrant(ctx, kindAccess, requestID)
}

// Refresh tokens rotate on every use (RFC 9700 §4.14.2). A rotated token's
// row stays, inactive, until it expires: presented again it yields
// ErrInactiveToken with its request, and fosite revokes the whole grant.

func (s *fositeStore) CreateRefreshTokenSession(ctx context.Context, signature, accessSignature string, r fosite.Requester) error {
	return s.create(ctx, kindRefresh, signature, tokenID(kindAccess, accessSignature), r)
}

func (s *fositeStore) GetRefreshTokenSession(ctx context.Context, signature string, sess fosite.Session) (fosite.Requester, error) {
	req, rw, err := s.get(ctx, kindRefresh, signature, sess)
	if err != nil {
		return nil, err
	}
	if !rw.active && !s.inGrace(rw.firstUsedAt) {
		return req, fosite.ErrInactiveToken
	}
	return req, nil
}

func (s *fositeStore) inGrace(firstUsedAt int64) bool {
	return s.grace > 0 && firstUsedAt > 0 && store.Micros(s.now()) < firstUsedAt+s.grace.Microseconds()
}

// RotateRefreshToken retires the presented token. Without a grace window
// the old grant's access tokens go too (as hydra's strict rotation); of
// two concurrent rotations only one wins.
func (s *fositeStore) RotateRefreshToken(ctx context.Context, requestID, signature string) error {
	now := store.Micros(s.now())
	graceFrom := int64(math.MaxInt64)
	if s.grace > 0 {
		graceFrom = now - s.grace.Microseconds()
	}
	res, err := s.exec(ctx, `UPDATE idp_tokens SET active = FALSE,
		first_used_at = CASE WHEN first_used_at = 0 THEN $2 ELSE first_used_at END
		WHERE id = $1 AND (active = TRUE OR first_used_at > $3)`,
		tokenID(kindRefresh, signature), now, graceFrom)
	if err != nil {
		return fositeErr(err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("%w: refresh token rotated concurrently", fosite.ErrSerializationFailure)
	}
	if s.grace > 0 {
		return nil
	}
	return s.deleteGrant(ctx, kindAccess, requestID)
}

func (s *fositeStore) DeleteRefreshTokenSession(ctx context.Context, signature string) error {
	return s.deleteRow(ctx, kindRefresh, signature)
}

// RevokeRefreshToken revokes the grant's refresh tokens (RFC 7009 §2.1).
func (s *fositeStore) RevokeRefreshToken(ctx context.Context, requestID string) error {
	return s.deleteGrant(ctx, kindRefresh, requestID)
}
