package idp

import (
	"time"

	"github.com/ory/fosite"
	"github.com/ory/fosite/handler/openid"
	"github.com/ory/fosite/token/jwt"
)

// grant turns a login into the session of the new grant. Scopes and
// audience were checked against the client by fosite; consent for
// third-party clients comes with the consent step (later issue), so
// everything asked for is granted here.
func (p *Provider) grant(ar fosite.AuthorizeRequester, c *Client, auth *Authentication, requestedAt time.Time) *Session {
	for _, scope := range ar.GetRequestedScopes() {
		ar.GrantScope(scope)
	}
	for _, aud := range ar.GetRequestedAudience() {
		ar.GrantAudience(aud)
	}
	sub := p.subjectFor(c, auth.Subject)
	claims := &jwt.IDTokenClaims{
		Subject: sub,
		// Seconds, as the ID token carries them: fosite compares auth_time
		// with the request time for prompt=login and max_age.
		AuthTime:                            auth.AuthTime.UTC().Truncate(time.Second),
		RequestedAt:                         requestedAt.UTC().Truncate(time.Second),
		AuthenticationContextClassReference: auth.ACR,
		AuthenticationMethodsReferences:     auth.AMR,
		Extra:                               map[string]any{},
	}
	if auth.SessionID != "" {
		claims.Extra["sid"] = auth.SessionID // OIDC Back-Channel Logout §2.1
	}
	return &Session{
		DefaultSession: &openid.DefaultSession{Claims: claims, Headers: &jwt.Headers{}, Subject: sub},
		LocalSubject:   auth.Subject,
		SessionID:      auth.SessionID,
		ClientID:       c.ID,
	}
}
