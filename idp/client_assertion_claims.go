package idp

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"time"
)

// Client assertions are short-lived (RFC 7523 §3 item 4 lets the server
// bound exp); clocks may differ by a little.
const (
	maxAssertionLife = 5 * time.Minute
	clockSkew        = 30 * time.Second
)

// jwtAudience is aud, a string or an array of strings (RFC 7519 §4.1.3).
type jwtAudience []string

func (a *jwtAudience) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*a = jwtAudience{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return errors.New("aud is neither a string nor an array of strings")
	}
	*a = many
	return nil
}

// numericDate is a NumericDate (RFC 7519 §2), seconds, maybe fractional.
type numericDate float64

func (d *numericDate) time() time.Time {
	sec, frac := math.Modf(float64(*d))
	return time.Unix(int64(sec), int64(frac*1e9))
}

// assertionClaims are the claims of a client assertion (RFC 7523 §3).
type assertionClaims struct {
	Issuer    string       `json:"iss"`
	Subject   string       `json:"sub"`
	Audience  jwtAudience  `json:"aud"`
	Expiry    *numericDate `json:"exp"`
	NotBefore *numericDate `json:"nbf"`
	IssuedAt  *numericDate `json:"iat"`
	JTI       string       `json:"jti"`
}

func (c assertionClaims) expiry() time.Time { return c.Expiry.time().Add(clockSkew) }

// check applies RFC 7523 §3: iss and sub are the client, aud names this
// server, exp is present, not passed and at most maxAssertionLife ahead,
// nbf and iat are not in the future, jti is present (replay: useJTI).
func (c assertionClaims) check(clientID string, audiences []string, now time.Time) error {
	switch {
	case c.Issuer != clientID || c.Subject != clientID:
		return errors.New("iss and sub of the client_assertion must be the client_id")
	case !slices.ContainsFunc(audiences, func(a string) bool { return slices.Contains(c.Audience, a) }):
		return errors.New("aud of the client_assertion must be the token endpoint URL or the issuer")
	case c.Expiry == nil:
		return errors.New("the client_assertion has no exp")
	case c.Expiry.time().Before(now.Add(-clockSkew)):
		return errors.New("the client_assertion has expired")
	case c.Expiry.time().After(now.Add(maxAssertionLife + clockSkew)):
		return errors.New("exp of the client_assertion is more than 5 minutes ahead")
	case c.NotBefore != nil && c.NotBefore.time().After(now.Add(clockSkew)):
		return errors.New("the client_assertion is not valid yet (nbf)")
	case c.IssuedAt != nil && c.IssuedAt.time().After(now.Add(clockSkew)):
		return errors.New("iat of the client_assertion is in the future")
	case c.JTI == "":
		return errors.New("the client_assertion has no jti")
	}
	return nil
}

func (a jwtAudience) has(s string) bool { return slices.Contains(a, s) }
