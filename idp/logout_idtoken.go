package idp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/go-jose/go-jose/v4"
)

// idTokenHint is what a verified id_token_hint tells the logout endpoint.
type idTokenHint struct {
	clientID string // the audience: the client that got the ID token
	sid      string
}

var errHintNotIDToken = errors.New("idp: id_token_hint is not an ID token of this issuer")

// verifyIDTokenHint checks an id_token_hint (RP-Initiated Logout 1.0 §2):
// signed by one of our published keys, including keys rotated out of
// signing (keys.Manager keeps them in the JWKS), with the alg the key is
// published for. An expired token is accepted, as §2 allows ("the OP
// need not be ... concerned about expiration"); the JWKS bounds its age.
// typ must not be another of our JWT types (at+jwt, logout+jwt).
func (p *Provider) verifyIDTokenHint(ctx context.Context, raw string) (idTokenHint, error) {
	jws, err := jose.ParseSignedCompact(raw, []jose.SignatureAlgorithm{jose.ES256, jose.RS256})
	if err != nil {
		return idTokenHint{}, fmt.Errorf("idp: id_token_hint: %w", err)
	}
	h := jws.Signatures[0].Protected
	if typ, _ := h.ExtraHeaders[jose.HeaderType].(string); typ != "" && !strings.EqualFold(typ, "JWT") {
		return idTokenHint{}, errHintNotIDToken
	}
	set, err := p.signer.keys.JWKS(ctx)
	if err != nil {
		return idTokenHint{}, err
	}
	for _, k := range set.Key(h.KeyID) {
		if k.Algorithm != h.Algorithm {
			continue
		}
		payload, err := jws.Verify(k)
		if err != nil {
			return idTokenHint{}, fmt.Errorf("idp: id_token_hint: %w", err)
		}
		return p.hintClaims(payload)
	}
	return idTokenHint{}, fmt.Errorf("idp: id_token_hint: no published %s key %q", h.Algorithm, h.KeyID)
}

// hintClaims checks iss and finds the client: the single aud, or azp
// among several (OIDC Core §2).
func (p *Provider) hintClaims(payload []byte) (idTokenHint, error) {
	var c struct {
		Iss string   `json:"iss"`
		Aud audience `json:"aud"`
		Azp string   `json:"azp"`
		Sid string   `json:"sid"`
	}
	if err := json.Unmarshal(payload, &c); err != nil || c.Iss != p.issuer {
		return idTokenHint{}, errHintNotIDToken
	}
	switch {
	case len(c.Aud) == 1:
		return idTokenHint{clientID: c.Aud[0], sid: c.Sid}, nil
	case c.Azp != "" && slices.Contains(c.Aud, c.Azp):
		return idTokenHint{clientID: c.Azp, sid: c.Sid}, nil
	}
	return idTokenHint{}, errHintNotIDToken
}

// audience is aud as RFC 7519 §4.1.3 allows it: one string or an array.
type audience []string

func (a *audience) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*a = audience{one}
		return nil
	}
	return json.Unmarshal(b, (*[]string)(a))
}
