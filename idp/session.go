package idp

import (
	"github.com/ory/fosite"
	"github.com/ory/fosite/handler/oauth2"
	"github.com/ory/fosite/handler/openid"
	"github.com/ory/fosite/token/jwt"
)

// Session is what a grant remembers about the login behind it. It is one
// object for fosite's OIDC handlers (ID token claims) and its JWT access
// token strategy (RFC 9068 claims), stored sealed with each token row.
type Session struct {
	*openid.DefaultSession `json:"oidc"`

	// LocalSubject is the account's own id; DefaultSession.Subject is the
	// subject the client sees (pairwise or public, OIDC Core §8).
	LocalSubject string `json:"local_subject"`
	// SessionID is the login session (OIDC Back-Channel Logout §2.1 sid).
	SessionID string `json:"sid,omitempty"`
	// ClientID is the client the grant was issued to.
	ClientID string `json:"client_id"`
	// Claims names the claims the grant releases (claims_request.go);
	// their values are read when they go out.
	Claims *claimGrant `json:"claims,omitempty"`

	AccessClaims *jwt.JWTClaims `json:"at_claims,omitempty"`
	AccessHeader *jwt.Headers   `json:"at_header,omitempty"`
}

var (
	_ openid.Session             = (*Session)(nil)
	_ fosite.ExtraClaimsSession  = (*Session)(nil)
	_ oauth2.JWTSessionContainer = (*Session)(nil)
)

// newSession returns an empty session for fosite to hydrate.
func newSession() *Session {
	return &Session{DefaultSession: &openid.DefaultSession{
		Claims:  &jwt.IDTokenClaims{},
		Headers: &jwt.Headers{},
	}}
}

// GetJWTClaims is used by fosite's JWT access token strategy.
func (s *Session) GetJWTClaims() jwt.JWTClaimsContainer {
	if s.AccessClaims == nil {
		s.AccessClaims = &jwt.JWTClaims{}
	}
	return s.AccessClaims
}

// GetJWTHeader carries typ at+jwt (RFC 9068 §2.1).
func (s *Session) GetJWTHeader() *jwt.Headers {
	if s.AccessHeader == nil {
		s.AccessHeader = &jwt.Headers{}
	}
	return s.AccessHeader
}

// Clone deep-copies the session (fosite mutates clones per token).
func (s *Session) Clone() fosite.Session {
	if s == nil {
		return nil
	}
	c := *s
	c.DefaultSession = s.DefaultSession.Clone().(*openid.DefaultSession)
	if s.AccessClaims != nil {
		ac := *s.AccessClaims
		ac.Extra = copyMap(s.AccessClaims.Extra)
		c.AccessClaims = &ac
	}
	if s.AccessHeader != nil {
		c.AccessHeader = &jwt.Headers{Extra: copyMap(s.AccessHeader.Extra)}
	}
	return &c
}

func copyMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}
