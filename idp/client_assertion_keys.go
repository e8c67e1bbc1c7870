package idp

import (
	"context"
	"errors"

	"github.com/go-jose/go-jose/v4"
)

// clientJWTAlgs are the algorithms accepted for JWTs a client signs:
// client assertions (RFC 7523) and request objects (RFC 9101). Never
// none, never a shared-secret HMAC (RFC 8725 §3.1, §3.2).
var clientJWTAlgs = []jose.SignatureAlgorithm{jose.ES256, jose.RS256, jose.PS256}

func algNames() []string {
	names := make([]string, len(clientJWTAlgs))
	for i, a := range clientJWTAlgs {
		names[i] = string(a)
	}
	return names
}

var errNoClientKey = errors.New("idp: no registered key of the client verifies the signature")

// parseClientJWT parses a compact JWS whose alg is one of clientJWTAlgs.
func parseClientJWT(raw string) (*jose.JSONWebSignature, error) {
	jws, err := jose.ParseSignedCompact(raw, clientJWTAlgs)
	if err != nil {
		return nil, err
	}
	if len(jws.Signatures) != 1 {
		return nil, errors.New("idp: exactly one signature expected")
	}
	return jws, nil
}

// verifyClientJWT checks jws against the client's registered keys, by
// value (Client.JWKS) or from its jwks_uri, and returns the payload. A
// jwks_uri is fetched again once when no cached key verifies, so a new
// key of the client is picked up (OIDC Core §10.1.1).
func (p *Provider) verifyClientJWT(ctx context.Context, c *Client, jws *jose.JSONWebSignature) ([]byte, error) {
	if c.JWKS != nil && len(c.JWKS.Keys) > 0 {
		return verifyWith(jws, c.JWKS)
	}
	if c.JWKSURI == "" {
		return nil, errNoClientKey
	}
	set, err := p.clientKeys.get(ctx, c.JWKSURI, false)
	if err != nil {
		return nil, err
	}
	if payload, err := verifyWith(jws, set); err == nil {
		return payload, nil
	}
	if set, err = p.clientKeys.get(ctx, c.JWKSURI, true); err != nil {
		return nil, err
	}
	return verifyWith(jws, set)
}

// verifyWith tries the signing keys of set that fit the header: the kid,
// if given, and the key's own use and alg, if set (RFC 7517 §4.2, §4.4).
func verifyWith(jws *jose.JSONWebSignature, set *jose.JSONWebKeySet) ([]byte, error) {
	h := jws.Signatures[0].Header
	for _, k := range set.Keys {
		if (h.KeyID != "" && k.KeyID != h.KeyID) || (k.Use != "" && k.Use != "sig") ||
			(k.Algorithm != "" && k.Algorithm != h.Algorithm) || !k.IsPublic() {
			continue
		}
		if payload, err := jws.Verify(k); err == nil {
			return payload, nil
		}
	}
	return nil, errNoClientKey
}
