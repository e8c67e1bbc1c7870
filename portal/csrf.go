package portal

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
)

const (
	csrfField      = "csrf_token"   // form field of every form
	csrfHeader     = "X-CSRF-Token" // for scripts of our own, if any appear
	csrfSessionKey = "csrf"
)

type csrfContextKey struct{}

func newOriginProtection(public *url.URL, deny http.Handler) (*http.CrossOriginProtection, error) {
	c := http.NewCrossOriginProtection()
	// Behind a proxy the Host header may not be the public host; trust
	// the public origin explicitly. No bypass patterns (GO-2025-3955).
	if err := c.AddTrustedOrigin(public.Scheme + "://" + public.Host); err != nil {
		return nil, err
	}
	c.SetDenyHandler(deny)
	return c, nil
}

// Protect guards the page mux: http.CrossOriginProtection refuses
// cross-site unsafe requests, and every unsafe request must carry the
// session's CSRF token in the "csrf_token" form field. Failures get the
// German 403 page. Protocol endpoints are not wrapped in it.
func (p *Portal) Protect(h http.Handler) http.Handler {
	return p.origin.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, err := p.sessionToken(w, r)
		if err != nil {
			p.ServerError(w, r, err)
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), csrfContextKey{}, token))
		if !safeMethod(r.Method) && !p.checkToken(w, r, token) {
			return
		}
		h.ServeHTTP(w, r)
	}))
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// checkToken parses the form (within the size limits) and compares its
// token with the session's in constant time. On failure it has answered.
func (p *Portal) checkToken(w http.ResponseWriter, r *http.Request, want string) bool {
	if err := p.parseForm(w, r); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			p.renderError(w, r, http.StatusRequestEntityTooLarge, "")
			return false
		}
		p.renderError(w, r, http.StatusBadRequest, "")
		return false
	}
	got := r.PostFormValue(csrfField)
	if got == "" {
		got = r.Header.Get(csrfHeader)
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		p.logger.InfoContext(r.Context(), "csrf token mismatch", "method", r.Method, "path", r.URL.Path)
		p.renderError(w, r, http.StatusForbidden, "")
		return false
	}
	return true
}

// parseForm reads the body under MaxFormBytes (URL-encoded) or
// MaxUploadBytes (multipart, files beyond 1 MiB spill to disk).
func (p *Portal) parseForm(w http.ResponseWriter, r *http.Request) error {
	limit := p.cfg.MaxFormBytes
	multipart := strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")
	if multipart {
		limit = p.cfg.MaxUploadBytes
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if multipart {
		return r.ParseMultipartForm(1 << 20)
	}
	return r.ParseForm()
}

func (p *Portal) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	p.logger.InfoContext(r.Context(), "cross-origin request refused",
		"method", r.Method, "path", r.URL.Path, "origin", r.Header.Get("Origin"))
	p.renderError(w, r, http.StatusForbidden, "")
}

// sessionToken returns the session's CSRF token, creating the session and
// its token (and setting the cookie) on first use.
func (p *Portal) sessionToken(w http.ResponseWriter, r *http.Request) (string, error) {
	s, err := p.Session(r, sessionCookie)
	if err != nil {
		return "", err
	}
	if token, ok := s.Values[csrfSessionKey].(string); ok && token != "" {
		return token, nil
	}
	token := newToken()
	s.Values[csrfSessionKey] = token
	return token, s.Save(r, w)
}

// RenewCSRF gives the browser's session a new form token. Call it when the
// browser's privileges change (a login), so a token learned before cannot
// be used after (OWASP CSRF cheat sheet: token per session, renewed at
// login).
func (p *Portal) RenewCSRF(w http.ResponseWriter, r *http.Request) error {
	s, err := p.Session(r, sessionCookie)
	if err != nil {
		return err
	}
	s.Values[csrfSessionKey] = newToken()
	return s.Save(r, w)
}

// csrfToken is the token for the page being rendered: the one Protect put
// in the context, or else the session's.
func (p *Portal) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if token, ok := r.Context().Value(csrfContextKey{}).(string); ok {
		return token
	}
	token, err := p.sessionToken(w, r)
	if err != nil {
		p.logger.WarnContext(r.Context(), "no csrf token for page", "err", err)
	}
	return token
}

func newToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	return base64.RawURLEncoding.EncodeToString(b[:])
}
