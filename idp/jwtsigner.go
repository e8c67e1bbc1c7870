package idp

import (
	"context"
	"fmt"

	josev3 "github.com/go-jose/go-jose/v3"
	"github.com/go-jose/go-jose/v4"
	"github.com/ory/fosite/token/jwt"

	"mvnk/keys"
)

// JWTKeys is what fosite's token signing needs from keys.Manager: the
// active key to sign with and the published keys to verify with.
type JWTKeys interface {
	keys.Signer
	JWKS(ctx context.Context) (jose.JSONWebKeySet, error)
}

// JWTSigner lets fosite v0.49, which speaks go-jose v3, sign with our keys.
// This file is the one place go-jose v3 appears: the private key is handed
// over as a v3 JWK so fosite's header carries our kid.
type JWTSigner struct {
	keys   JWTKeys
	alg    string
	fosite jwt.DefaultSigner // Generate, Hash and the rest, on our key
}

var _ jwt.Signer = (*JWTSigner)(nil)

// NewJWTSigner signs with the active key of alg ("" = the default alg).
func NewJWTSigner(k JWTKeys, alg string) *JWTSigner {
	s := &JWTSigner{keys: k, alg: alg}
	s.fosite.GetPrivateKey = s.privateKey
	return s
}

func (s *JWTSigner) privateKey(ctx context.Context) (any, error) {
	k, err := s.keys.SigningKey(ctx, s.alg)
	if err != nil {
		return nil, err
	}
	return &josev3.JSONWebKey{Key: k.Private, KeyID: k.KID, Algorithm: k.Alg, Use: "sig"}, nil
}

// Generate signs claims; fosite's DefaultSigner takes the alg from the JWK.
func (s *JWTSigner) Generate(ctx context.Context, claims jwt.MapClaims, header jwt.Mapper) (string, string, error) {
	return s.fosite.Generate(ctx, claims, header)
}

// Decode verifies with the published key the token's kid names. fosite's
// DefaultSigner knows only the current key, so after a rotation it would
// reject id_token_hint values and JWT access tokens signed by the previous
// key while they are still valid.
func (s *JWTSigner) Decode(ctx context.Context, token string) (*jwt.Token, error) {
	return jwt.ParseWithClaims(token, jwt.MapClaims{}, func(t *jwt.Token) (any, error) {
		return s.verificationKey(ctx, t)
	})
}

// Validate checks signature and claims and returns the signature part.
func (s *JWTSigner) Validate(ctx context.Context, token string) (string, error) {
	if _, err := s.Decode(ctx, token); err != nil {
		return "", err
	}
	return s.fosite.GetSignature(ctx, token)
}

// verificationKey picks the published key by kid and insists on the alg it
// is published for (RFC 7515 §4.1.1: no alg substitution).
func (s *JWTSigner) verificationKey(ctx context.Context, t *jwt.Token) (any, error) {
	kid, _ := t.Header["kid"].(string)
	set, err := s.keys.JWKS(ctx)
	if err != nil {
		return nil, err
	}
	for _, k := range set.Key(kid) {
		if k.Algorithm == string(t.Method) {
			return k.Key, nil
		}
	}
	return nil, fmt.Errorf("no published %s key with kid %q", t.Method, kid)
}

// Hash is SHA-256, right for ES256 and RS256 (OIDC Core §3.1.3.6 at_hash).
func (s *JWTSigner) Hash(ctx context.Context, in []byte) ([]byte, error) {
	return s.fosite.Hash(ctx, in)
}

func (s *JWTSigner) GetSignature(ctx context.Context, token string) (string, error) {
	return s.fosite.GetSignature(ctx, token)
}

func (s *JWTSigner) GetSigningMethodLength(ctx context.Context) int {
	return s.fosite.GetSigningMethodLength(ctx)
}
