package idp

import (
	"encoding/json"
	"net/http"

	"github.com/ory/fosite"
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
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"sub": sess.GetSubject()})
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
