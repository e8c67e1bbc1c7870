package idp

import (
	"context"
	"time"

	"github.com/ory/fosite"
	"github.com/ory/fosite/handler/openid"
	"github.com/ory/fosite/token/jwt"
)

// grant turns a login into the session of the new grant. Scopes and
// audience were checked against the client by fosite, and the consent
// step has made sure every requested scope is consented (or the client
// is first-party), so they are granted as asked. The claims parameter
// (OIDC Core §5.5) is read here; the ID token gets its claims' values now.
func (p *Provider) grant(ctx context.Context, ar fosite.AuthorizeRequester, c *Client, auth *Authentication,
	login LoginRequest) (*Session, error) {
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
		RequestedAt:                         login.RequestedAt.UTC().Truncate(time.Second),
		AuthenticationContextClassReference: acrFor(auth, login),
		AuthenticationMethodsReferences:     auth.AMR,
		Extra:                               map[string]any{},
	}
	granted := grantClaims(ar.GetGrantedScopes(), login.Claims, c.FirstParty)
	granted.withSector(c)
	if err := p.idTokenClaims(ctx, auth.Subject, granted.IDToken, claims.Extra); err != nil {
		return nil, err
	}
	if auth.SessionID != "" {
		claims.Extra["sid"] = auth.SessionID // OIDC Back-Channel Logout §2.1
	}
	return &Session{
		DefaultSession: &openid.DefaultSession{Claims: claims, Headers: &jwt.Headers{}, Subject: sub},
		LocalSubject:   auth.Subject,
		SessionID:      auth.SessionID,
		ClientID:       c.ID,
		Claims:         &granted,
	}, nil
}

// idTokenClaims adds the account's claims asked for the ID token to extra.
func (p *Provider) idTokenClaims(ctx context.Context, accountID string, set claimSet, extra map[string]any) error {
	if set.empty() || p.cfg.Claims == nil {
		return nil
	}
	d, err := p.cfg.Claims.ClaimData(ctx, accountID)
	if err != nil {
		return fosite.ErrServerError.WithWrap(err)
	}
	for k, v := range buildClaims(d, set) {
		extra[k] = v
	}
	return nil
}
