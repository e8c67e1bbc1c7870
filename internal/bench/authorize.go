package bench

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
)

// codeFlow gets authorization codes without a person (RFC 6749 §4.1 with
// PKCE S256, RFC 7636). It follows the server's redirects with a cookie
// jar of its own, so a server in dev/test mode can log the simulated user
// in, and stops at the redirect_uri to read the code.
type codeFlow struct {
	b      *bench
	client *http.Client
}

// grant is a code and the PKCE verifier that redeems it.
type grant struct{ code, verifier string }

func (b *bench) newCodeFlow() *codeFlow {
	jar, _ := cookiejar.New(nil) // never fails without options
	f := &codeFlow{b: b}
	f.client = &http.Client{Transport: b.client.Transport, Jar: jar, Timeout: b.opts.Timeout, CheckRedirect: f.stopAtRedirectURI}
	return f
}

func (f *codeFlow) stopAtRedirectURI(req *http.Request, via []*http.Request) error {
	if f.b.isRedirectURI(req.URL) {
		return http.ErrUseLastResponse
	}
	if len(via) >= 10 {
		return errors.New("authorize: more than 10 redirects")
	}
	return nil
}

// isRedirectURI compares all but the query, which carries the answer.
func (b *bench) isRedirectURI(u *url.URL) bool {
	r, err := url.Parse(b.opts.RedirectURI)
	return err == nil && u.Scheme == r.Scheme && u.Host == r.Host && u.Path == r.Path
}

// authorize runs one authorization request and returns the code.
func (f *codeFlow) authorize(ctx context.Context) (grant, error) {
	g := grant{verifier: randomString()}
	state := randomString()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.authorizeURL(state, g.verifier), nil)
	if err != nil {
		return g, err
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return g, fmt.Errorf("authorize: %w", err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxBody))
	resp.Body.Close()
	loc, err := resp.Location()
	if err != nil || !f.b.isRedirectURI(loc) {
		at := *resp.Request.URL
		at.RawQuery = ""
		return g, fmt.Errorf("authorize ended at %s with HTTP %d, not at the redirect_uri (does the server log in automatically?)", &at, resp.StatusCode)
	}
	q := loc.Query()
	switch {
	case q.Get("error") != "":
		return g, fmt.Errorf("authorize: %s: %.100s", q.Get("error"), q.Get("error_description"))
	case q.Get("state") != state:
		return g, errors.New("authorize: state in the redirect does not match")
	}
	g.code = q.Get("code")
	if g.code == "" {
		return g, errors.New("authorize: redirect without code")
	}
	return g, nil
}

// authorizeURL keeps any query the endpoint has (RFC 6749 §3.1).
func (f *codeFlow) authorizeURL(state, verifier string) string {
	u, _ := url.Parse(f.b.ep.Authorization)
	sum := sha256.Sum256([]byte(verifier))
	q := u.Query()
	q.Set("response_type", "code")
	q.Set("client_id", f.b.opts.ClientID)
	q.Set("redirect_uri", f.b.opts.RedirectURI)
	q.Set("scope", strings.TrimSpace("openid offline_access "+f.b.opts.Scope))
	q.Set("state", state)
	q.Set("nonce", randomString())
	q.Set("code_challenge", base64.RawURLEncoding.EncodeToString(sum[:]))
	q.Set("code_challenge_method", "S256")
	if f.b.opts.LoginHint != "" {
		q.Set("login_hint", f.b.opts.LoginHint)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// exchange redeems a code at the token endpoint (RFC 6749 §4.1.3).
func (f *codeFlow) exchange(ctx context.Context, g grant, buf *bytes.Buffer) (tokenResponse, error) {
	form := url.Values{"grant_type": {"authorization_code"}, "code": {g.code},
		"redirect_uri": {f.b.opts.RedirectURI}, "code_verifier": {g.verifier}}
	if err := f.b.post(ctx, f.b.ep.Token, form.Encode(), buf); err != nil {
		return tokenResponse{}, err
	}
	return parseToken(buf.Bytes())
}

// randomString is 256 bits in base64url: 43 characters, as a PKCE
// verifier needs (RFC 7636 §4.1).
func randomString() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand, Go ≥ 1.24)
	return base64.RawURLEncoding.EncodeToString(b)
}
