package idp

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/ory/fosite"

	"mvnk/store"
)

// userinfo is the UserInfo endpoint (OIDC Core §5.3), GET and POST. The
// access token is taken from the Authorization header only (RFC 6750
// §2.1; no query or form tokens, RFC 9700 §4.3.2).
func (p *Provider) userinfo(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	token, found := bearerToken(r) // admin_auth.go
	if !found || token == "" {
		// RFC 6750 §3.1: no error code when no credentials were sent.
		p.bearerChallenge(w, http.StatusUnauthorized, "")
		return
	}
	use, ar, err := p.oauth.IntrospectToken(r.Context(), token, fosite.AccessToken, newSession())
	if err != nil || use != fosite.AccessToken {
		p.bearerChallenge(w, http.StatusUnauthorized, "invalid_token")
		return
	}
	sess, ok := ar.GetSession().(*Session)
	if !ok || sess.LocalSubject == "" || !ar.GetGrantedScopes().Has("openid") {
		p.bearerChallenge(w, http.StatusForbidden, "insufficient_scope")
		return
	}
	out, err := p.userinfoClaims(r.Context(), sess)
	if errors.Is(err, store.ErrNotFound) { // the account is gone
		p.bearerChallenge(w, http.StatusUnauthorized, "invalid_token")
		return
	}
	if err != nil {
		p.log.Error("idp: userinfo claims", "err", err)
		http.Error(w, "", http.StatusInternalServerError)
		return
	}
	for k, v := range sess.loginClaims() { // how the user logged in, as in the ID token
		out[k] = v
	}
	out["sub"] = sess.GetSubject()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}

// userinfoClaims reads the claims the grant releases, fresh from the
// account (OIDC Core §5.3.2): the scope claims and those the claims
// parameter asked of userinfo (§5.5).
func (p *Provider) userinfoClaims(ctx context.Context, sess *Session) (map[string]any, error) {
	if sess.Claims == nil || sess.Claims.Userinfo.empty() || p.cfg.Claims == nil {
		return map[string]any{}, nil
	}
	d, err := p.cfg.Claims.ClaimData(ctx, sess.LocalSubject)
	if err != nil {
		return nil, err
	}
	return buildClaims(d, sess.Claims.Userinfo), nil
}

// bearerChallenge answers with the RFC 6750 §3 challenge; the error codes
// are RFC 6750 §3.1's.
func (p *Provider) bearerChallenge(w http.ResponseWriter, status int, code string) {
	challenge := `Bearer realm="` + p.issuer + `"`
	if code != "" {
		challenge += `, error="` + code + `"`
	}
	w.Header().Set("WWW-Authenticate", challenge)
	w.WriteHeader(status)
}
