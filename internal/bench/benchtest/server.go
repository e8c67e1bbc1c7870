// Package benchtest is a small OAuth 2.0 / OpenID Connect server for
// testing the load generator: discovery, a token endpoint with
// client_credentials, authorization_code (PKCE S256 required) and
// refresh_token (strict rotation: a reused refresh token is rejected),
// introspection, an authorization endpoint that logs in automatically
// through a cookie, and /metrics. It is a test fixture, not an IdP.
package benchtest

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
)

// The one registered client. The id and secret hold characters that
// client_secret_basic must form-encode (RFC 6749 §2.3.1).
const (
	ClientID     = "bench:client"
	ClientSecret = "s3cr=t &+"
	RedirectURI  = "http://127.0.0.1:1/callback" // never called: the bench stops at it
)

// Options make the server misbehave on purpose.
type Options struct {
	FailEvery int64   // every n-th token request answers 500 server_error
	LoginPage bool    // the authorization endpoint shows a login form instead of redirecting
	Inactive  bool    // introspection answers active:false
	RSS       float64 // the process_resident_memory_bytes /metrics reports; 0: no /metrics
}

// Server is a running fixture.
type Server struct {
	URL  string
	opts Options

	mu      sync.Mutex
	counts  map[string]int64
	access  map[string]bool
	refresh map[string]bool   // unused refresh tokens
	codes   map[string]string // code → PKCE challenge
}

// New starts a server that stops when the test ends.
func New(t testing.TB, o Options) *Server {
	s := &Server{opts: o, counts: map[string]int64{}, access: map[string]bool{},
		refresh: map[string]bool{}, codes: map[string]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", s.discovery)
	mux.HandleFunc("GET /authorize", s.authorize)
	mux.HandleFunc("GET /login", s.login)
	mux.HandleFunc("POST /token", s.token)
	mux.HandleFunc("POST /introspect", s.introspect)
	if o.RSS > 0 {
		mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, _ *http.Request) {
			fmt.Fprintf(w, "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes %g\n", o.RSS)
		})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// Count is how often something happened: "token", a grant type,
// "introspect", "authorize", "login", "reuse" (a refresh token presented twice).
func (s *Server) Count(what string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[what]
}

func (s *Server) count(what string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts[what]++
	return s.counts[what]
}

func (s *Server) discovery(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{
		"issuer": s.URL, "authorization_endpoint": s.URL + "/authorize",
		"token_endpoint": s.URL + "/token", "introspection_endpoint": s.URL + "/introspect",
	})
}

// authorize sends a browser without session to /login, which sets the
// session cookie and sends it back; with the session it answers the code.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	s.count("authorize")
	q := r.URL.Query()
	if _, err := r.Cookie("session"); err != nil {
		http.Redirect(w, r, "/login?return="+url.QueryEscape(r.URL.String()), http.StatusFound)
		return
	}
	if q.Get("client_id") != ClientID || q.Get("redirect_uri") != RedirectURI || q.Get("code_challenge_method") != "S256" {
		http.Error(w, "bad authorization request", http.StatusBadRequest)
		return
	}
	code := rand.Text()
	s.mu.Lock()
	s.codes[code] = q.Get("code_challenge")
	s.mu.Unlock()
	back := url.Values{"code": {code}, "state": {q.Get("state")}}
	http.Redirect(w, r, RedirectURI+"?"+back.Encode(), http.StatusFound)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	s.count("login")
	if s.opts.LoginPage {
		fmt.Fprint(w, "<form method=post><input name=password></form>")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "session", Value: rand.Text(), Path: "/"})
	http.Redirect(w, r, r.URL.Query().Get("return"), http.StatusFound)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
