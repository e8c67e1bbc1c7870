package benchtest

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
)

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	n := s.count("token")
	if !clientOK(r) {
		oauthError(w, http.StatusUnauthorized, "invalid_client")
		return
	}
	if s.opts.FailEvery > 0 && n%s.opts.FailEvery == 0 {
		oauthError(w, http.StatusInternalServerError, "server_error")
		return
	}
	grant := r.PostFormValue("grant_type")
	s.count(grant)
	switch grant {
	case "client_credentials":
		s.issue(w, false)
	case "authorization_code":
		s.exchange(w, r)
	case "refresh_token":
		s.rotate(w, r)
	default:
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type")
	}
}

// clientOK checks client_secret_basic, form-decoding both parts.
func clientOK(r *http.Request) bool {
	id, secret, ok := r.BasicAuth()
	id, err1 := url.QueryUnescape(id)
	secret, err2 := url.QueryUnescape(secret)
	return ok && err1 == nil && err2 == nil && id == ClientID && secret == ClientSecret
}

// exchange redeems a code once, checking the PKCE verifier (RFC 7636 §4.6).
func (s *Server) exchange(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	challenge, ok := s.codes[r.PostFormValue("code")]
	delete(s.codes, r.PostFormValue("code"))
	s.mu.Unlock()
	sum := sha256.Sum256([]byte(r.PostFormValue("code_verifier")))
	if !ok || r.PostFormValue("redirect_uri") != RedirectURI || base64.RawURLEncoding.EncodeToString(sum[:]) != challenge {
		oauthError(w, http.StatusBadRequest, "invalid_grant")
		return
	}
	s.issue(w, true)
}

// rotate accepts each refresh token once.
func (s *Server) rotate(w http.ResponseWriter, r *http.Request) {
	rt := r.PostFormValue("refresh_token")
	s.mu.Lock()
	ok := s.refresh[rt]
	delete(s.refresh, rt)
	s.mu.Unlock()
	if !ok {
		s.count("reuse")
		oauthError(w, http.StatusBadRequest, "invalid_grant")
		return
	}
	s.issue(w, true)
}

func (s *Server) issue(w http.ResponseWriter, withRefresh bool) {
	resp := map[string]any{"access_token": rand.Text(), "token_type": "Bearer", "expires_in": 300}
	s.mu.Lock()
	s.access[resp["access_token"].(string)] = true
	if withRefresh {
		rt := rand.Text()
		s.refresh[rt] = true
		resp["refresh_token"] = rt
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) introspect(w http.ResponseWriter, r *http.Request) {
	s.count("introspect")
	if !clientOK(r) {
		oauthError(w, http.StatusUnauthorized, "invalid_client")
		return
	}
	s.mu.Lock()
	active := s.access[r.PostFormValue("token")] && !s.opts.Inactive
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]bool{"active": active})
}

func oauthError(w http.ResponseWriter, status int, code string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": "benchtest says " + code})
}
