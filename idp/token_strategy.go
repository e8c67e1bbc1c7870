package idp

import (
	"context"
	"strings"
	"time"

	"github.com/ory/fosite"
	"github.com/ory/fosite/handler/oauth2"
	"github.com/ory/fosite/token/jwt"

	"mvnk/store"
)

// tokenStrategy issues JWT access tokens (RFC 9068) or opaque ones per
// client (Client.AccessTokenFormat); codes and refresh tokens are always
// opaque HMAC tokens. Both access token kinds have a row, so revocation
// and introspection treat them alike.
type tokenStrategy struct {
	*oauth2.HMACSHAStrategy
	jwt    *oauth2.DefaultJWTStrategy
	issuer string
}

var _ oauth2.CoreStrategy = (*tokenStrategy)(nil)

// isJWT: a JWS compact serialisation has two dots, an HMAC token one.
func isJWT(token string) bool { return strings.Count(token, ".") == 2 }

func (t *tokenStrategy) AccessTokenSignature(ctx context.Context, token string) string {
	if isJWT(token) {
		return t.jwt.AccessTokenSignature(ctx, token)
	}
	return t.HMACSHAStrategy.AccessTokenSignature(ctx, token)
}

func (t *tokenStrategy) ValidateAccessToken(ctx context.Context, r fosite.Requester, token string) error {
	if isJWT(token) {
		return t.jwt.ValidateAccessToken(ctx, r, token)
	}
	return t.HMACSHAStrategy.ValidateAccessToken(ctx, r, token)
}

func (t *tokenStrategy) GenerateAccessToken(ctx context.Context, r fosite.Requester) (string, string, error) {
	fc, ok := r.GetClient().(fositeClient)
	if ok && !fc.jwtAccessTokens() {
		return t.HMACSHAStrategy.GenerateAccessToken(ctx, r)
	}
	sess, ok := r.GetSession().(*Session)
	if !ok {
		return "", "", fosite.ErrServerError.WithDebug("session is not an idp.Session")
	}
	return t.signJWT(ctx, r, sess)
}

// signJWT signs the RFC 9068 §2.2 claims, set afresh for every token: a
// new jti (recorded in the token row), iat now, sub and client_id. aud is
// the granted audience or, if none was asked for, the issuer, whose
// userinfo the token is for (RFC 9068 §3).
func (t *tokenStrategy) signJWT(ctx context.Context, r fosite.Requester, sess *Session) (string, string, error) {
	clientID := r.GetClient().GetID()
	aud := r.GetGrantedAudience()
	if len(aud) == 0 {
		aud = fosite.Arguments{t.issuer}
	}
	sub := sess.GetSubject()
	if sub == "" { // client credentials: the client is the subject
		sub = clientID
	}
	sess.AccessClaims = &jwt.JWTClaims{
		Subject: sub, Issuer: t.issuer, Audience: aud, JTI: store.NewID(),
		IssuedAt: time.Now().UTC(), ExpiresAt: sess.GetExpiresAt(fosite.AccessToken),
		Scope: r.GetGrantedScopes(), ScopeField: jwt.JWTScopeFieldString,
		Extra: map[string]any{"client_id": clientID},
	}
	for k, v := range sess.loginClaims() { // RFC 9068 §2.2.1
		sess.AccessClaims.Extra[k] = v
	}
	sess.AccessHeader = &jwt.Headers{Extra: map[string]any{"typ": "at+jwt"}}
	return t.jwt.Signer.Generate(ctx, sess.AccessClaims.ToMapClaims(), sess.AccessHeader)
}
