package idp

import (
	"context"
	"encoding/json"
	"time"

	"mvnk/store"
)

// eventBackchannelLogout is the logout token's event (Back-Channel Logout
// 1.0 §2.4).
const eventBackchannelLogout = "http://schemas.openid.net/event/backchannel-logout"

// logoutTokenLifetime: §2.4 recommends a short lifetime; two minutes.
const logoutTokenLifetime = 2 * time.Minute

// logoutToken is the JWT of Back-Channel Logout 1.0 §2.4: typ logout+jwt
// (§2.4, RFC 8725 §3.11), sid and the subject as this client sees it
// (pairwise, OIDC Core §8.1), an events claim, and no nonce (§2.4 forbids
// one, so it can't pass as an ID token). Made fresh on every attempt.
func (p *Provider) logoutToken(ctx context.Context, c *Client, localSubject, sid string) (string, error) {
	now := p.cfg.Now()
	claims := map[string]any{
		"iss":    p.issuer,
		"aud":    c.ID,
		"iat":    now.Unix(),
		"exp":    now.Add(logoutTokenLifetime).Unix(),
		"jti":    store.NewID(),
		"sid":    sid,
		"events": map[string]any{eventBackchannelLogout: map[string]any{}},
	}
	if localSubject != "" {
		claims["sub"] = p.subjectFor(c, localSubject)
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	return p.signer.keys.Sign(ctx, p.signer.alg, payload, "logout+jwt")
}
