package idp

import (
	"context"

	"github.com/ory/fosite"
)

var _ TokenIntrospector = (*Provider)(nil)

// Introspect checks an access token for the admin API (admin_auth.go), as
// the introspection endpoint would (RFC 7662 §2.2). A token that is
// unknown, expired, revoked, or a refresh token is inactive; an error is
// returned only when the check itself failed.
func (p *Provider) Introspect(ctx context.Context, token string) (TokenInfo, error) {
	use, ar, err := p.oauth.IntrospectToken(ctx, token, fosite.AccessToken, newSession())
	if err != nil {
		if fosite.ErrorToRFC6749Error(err).CodeField >= 500 {
			return TokenInfo{}, err
		}
		return TokenInfo{}, nil
	}
	if use != fosite.AccessToken {
		return TokenInfo{}, nil
	}
	return TokenInfo{
		Active:   true,
		ClientID: ar.GetClient().GetID(),
		Scopes:   ar.GetGrantedScopes(),
		Subject:  ar.GetSession().GetSubject(),
	}, nil
}
