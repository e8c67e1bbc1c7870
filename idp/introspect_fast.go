package idp

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/ory/fosite"
)

// introspectFast answers for a JWT access token that a full introspection
// has verified before (signature, claims, sealed row): it authenticates
// the caller as fosite does and then checks, on every call, only what can
// change — the row is still there and active (revocation, rotation), the
// token's client still exists, its signing key is still published. It
// returns false, having written nothing, whenever the full path must
// decide: an unknown token, a revoked one, a failed authentication.
func (p *Provider) introspectFast(w http.ResponseWriter, r *http.Request) bool {
	ctx := r.Context()
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return false
	}
	token := r.PostForm.Get("token")
	// fosite's other cases: a requested scope to match, a bearer credential.
	if !isJWT(token) || r.PostForm.Get("scope") != "" || r.PostForm.Get("access_token") != "" {
		return false
	}
	k := keyOf(token)
	e, ok := p.store.introspected.get(k, p.cfg.Now())
	if !ok {
		return false
	}
	caller, ok := p.authenticateBasic(ctx, r)
	if !ok || !p.stillValid(ctx, e) {
		return false
	}
	active, err := p.store.accessActive(ctx, e.rowID)
	if err != nil || !active {
		if err == nil {
			p.store.introspected.remove(k)
		}
		return false
	}
	if e.clientID != caller && !e.audience.Has(caller) { // mayIntrospect
		p.oauth.WriteIntrospectionResponse(ctx, w, &fosite.IntrospectionResponse{Active: false})
		return true
	}
	writeIntrospectionBody(w, e.body)
	return true
}

// authenticateBasic is fosite's client authentication at the introspection
// endpoint (fosite@v0.49.0 introspection_request_handler.go): HTTP Basic,
// form-decoded id and secret (RFC 6749 §2.3.1), the secret's hash.
func (p *Provider) authenticateBasic(ctx context.Context, r *http.Request) (string, bool) {
	id, secret, ok := r.BasicAuth()
	if !ok {
		return "", false
	}
	id, err := url.QueryUnescape(id)
	if err != nil {
		return "", false
	}
	secret, err = url.QueryUnescape(secret)
	if err != nil {
		return "", false
	}
	c, err := p.store.clients.GetClient(ctx, id)
	if err != nil || !CheckSecret(c.SecretHash, secret) {
		return "", false
	}
	return id, true
}

// stillValid: the full path would fail for a token whose client was
// deleted or whose key was withdrawn from the JWKS.
func (p *Provider) stillValid(ctx context.Context, e *verifiedToken) bool {
	if _, err := p.store.clients.GetClient(ctx, e.clientID); err != nil {
		return false
	}
	set, err := p.signer.keys.JWKS(ctx)
	return err == nil && len(set.Key(e.kid)) > 0
}

// rememberIntrospection records a JWT access token the full path found
// active, with the answer fosite wrote for it.
func (p *Provider) rememberIntrospection(ctx context.Context, token string, resp fosite.IntrospectionResponder) {
	ar := resp.GetAccessRequester()
	exp := ar.GetSession().GetExpiresAt(fosite.AccessToken)
	kid := jwtKeyID(token)
	sig, err := p.signer.GetSignature(ctx, token)
	if exp.IsZero() || kid == "" || err != nil {
		return
	}
	var rec bodyRecorder
	p.oauth.WriteIntrospectionResponse(ctx, &rec, resp)
	p.store.introspected.put(keyOf(token), &verifiedToken{
		body: rec.body.Bytes(), clientID: ar.GetClient().GetID(), audience: ar.GetGrantedAudience(),
		rowID: tokenID(kindAccess, sig), kid: kid, exp: exp,
	})
}

// jwtKeyID reads the kid from a JWS header that has been verified.
func jwtKeyID(token string) string {
	head, _, _ := strings.Cut(token, ".")
	raw, err := base64.RawURLEncoding.DecodeString(head)
	if err != nil {
		return ""
	}
	var h struct {
		KID string `json:"kid"`
	}
	_ = json.Unmarshal(raw, &h)
	return h.KID
}

// writeIntrospectionBody writes a remembered answer with the headers of
// fosite's WriteIntrospectionResponse.
func writeIntrospectionBody(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	_, _ = w.Write(body)
}

// bodyRecorder keeps what fosite writes, to be remembered.
type bodyRecorder struct {
	header http.Header
	body   bytes.Buffer
}

func (b *bodyRecorder) Header() http.Header {
	if b.header == nil {
		b.header = http.Header{}
	}
	return b.header
}
func (b *bodyRecorder) Write(p []byte) (int, error) { return b.body.Write(p) }
func (b *bodyRecorder) WriteHeader(int)             {}

// accessActive is the one query of the fast path: is the access token's
// row there and active? Revocation deletes it (RevokeAccessToken), so a
// revoked token is inactive on every node at once.
func (s *fositeStore) accessActive(ctx context.Context, rowID string) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM idp_tokens WHERE id = $1 AND kind = $2 AND active = TRUE`,
		rowID, kindAccess).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
