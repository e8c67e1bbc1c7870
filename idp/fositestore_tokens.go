package idp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/ory/fosite"

	"mvnk/store"
)

// Token kinds, the kind column of idp_tokens.
const (
	kindCode    = "code"
	kindAccess  = "access"
	kindRefresh = "refresh"
)

// tokenID is the row id of a token: hex(SHA-256(kind ":" signature)).
// Only this hash is stored, never the signature (STYLE.md, Storage).
func tokenID(kind, signature string) string {
	sum := sha256.Sum256([]byte(kind + ":" + signature))
	return hex.EncodeToString(sum[:])
}

var tokenTypes = map[string]fosite.TokenType{
	kindCode: fosite.AuthorizeCode, kindAccess: fosite.AccessToken, kindRefresh: fosite.RefreshToken,
}

// row is the plain part of a token row.
type row struct {
	requestID   string
	active      bool
	firstUsedAt int64
}

func (s *fositeStore) create(ctx context.Context, kind, signature, accessID string, r fosite.Requester) error {
	id := tokenID(kind, signature)
	data, err := s.encode(id, r)
	if err != nil {
		return err
	}
	var subject, sid, jti string
	if sess, ok := r.GetSession().(*Session); ok {
		subject, sid = sess.LocalSubject, sess.SessionID
		if kind == kindAccess && sess.AccessClaims != nil {
			jti = sess.AccessClaims.JTI
		}
	}
	exp := r.GetSession().GetExpiresAt(tokenTypes[kind])
	if exp.IsZero() {
		exp = s.now().Add(maxTokenRowLife)
	}
	_, err = s.exec(ctx, `INSERT INTO idp_tokens
		(id, kind, request_id, client_id, subject, session_id, jti, active, access_id, requested_at, expires_at, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, TRUE, $8, $9, $10, $11)`,
		id, kind, r.GetID(), r.GetClient().GetID(), subject, sid, jti, accessID,
		store.Micros(r.GetRequestedAt()), store.Micros(exp), data)
	return fositeErr(err)
}

// get reads a token row and its request, hydrating sess.
func (s *fositeStore) get(ctx context.Context, kind, signature string, sess fosite.Session) (fosite.Requester, row, error) {
	id := tokenID(kind, signature)
	var rw row
	var data string
	err := s.q(ctx).QueryRowContext(ctx, `SELECT request_id, active, first_used_at, data
		FROM idp_tokens WHERE id = $1`, id).Scan(&rw.requestID, &rw.active, &rw.firstUsedAt, &data)
	if err != nil {
		return nil, rw, fositeErr(err)
	}
	req, err := s.decode(ctx, id, data, sess)
	return req, rw, err
}

func (s *fositeStore) deleteRow(ctx context.Context, kind, signature string) error {
	_, err := s.exec(ctx, `DELETE FROM idp_tokens WHERE id = $1`, tokenID(kind, signature))
	return fositeErr(err)
}

// deleteGrant removes every token of one kind issued under requestID.
func (s *fositeStore) deleteGrant(ctx context.Context, kind, requestID string) error {
	_, err := s.exec(ctx, `DELETE FROM idp_tokens WHERE request_id = $1 AND kind = $2`, requestID, kind)
	return fositeErr(err)
}
