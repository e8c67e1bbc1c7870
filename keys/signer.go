package keys

import (
	"context"
	"crypto"
	"fmt"

	"github.com/go-jose/go-jose/v4"
)

// Signer is what the IdP signs tokens with. go-jose v4 types only; the
// fosite adapter in idp converts at its boundary.
type Signer interface {
	// Sign returns a compact JWS (RFC 7515 §7.1) of payload with kid, alg
	// and typ in the protected header. alg "" means the default alg.
	Sign(ctx context.Context, alg string, payload []byte, typ string) (string, error)
	// SigningKey returns the key that currently signs for alg.
	SigningKey(ctx context.Context, alg string) (SigningKey, error)
}

// SigningKey is a private key with the identity it is published under.
type SigningKey struct {
	KID, Alg string
	Private  crypto.Signer
}

var _ Signer = (*Manager)(nil)

// DefaultAlg is the first configured algorithm.
func (m *Manager) DefaultAlg() string { return m.cfg.Algorithms[0] }

// SigningKey returns the newest key of alg whose activation has passed.
func (m *Manager) SigningKey(ctx context.Context, alg string) (SigningKey, error) {
	if alg == "" {
		alg = m.DefaultAlg()
	}
	s, err := m.current(ctx)
	if err != nil {
		return SigningKey{}, err
	}
	k := s.signingKey(alg, m.now())
	if k == nil {
		return SigningKey{}, fmt.Errorf("keys: no active %s signing key (keys.Ensure not run, or alg not configured)", alg)
	}
	return SigningKey{KID: k.KID, Alg: k.Alg, Private: k.private}, nil
}

// Sign signs payload with the active key of alg. typ is the media type of
// the token (RFC 7515 §4.1.9), e.g. "JWT" or "at+jwt" (RFC 9068 §2.1).
func (m *Manager) Sign(ctx context.Context, alg string, payload []byte, typ string) (string, error) {
	k, err := m.SigningKey(ctx, alg)
	if err != nil {
		return "", err
	}
	opts := &jose.SignerOptions{}
	if typ != "" {
		opts = opts.WithType(jose.ContentType(typ))
	}
	// A JWK as key makes go-jose put its kid in the protected header.
	signer, err := jose.NewSigner(jose.SigningKey{
		Algorithm: jose.SignatureAlgorithm(k.Alg),
		Key:       jose.JSONWebKey{Key: k.Private, KeyID: k.KID, Algorithm: k.Alg},
	}, opts)
	if err != nil {
		return "", fmt.Errorf("keys: signer for %s: %w", k.KID, err)
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		return "", fmt.Errorf("keys: sign with %s: %w", k.KID, err)
	}
	return jws.CompactSerialize()
}
