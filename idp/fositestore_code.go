package idp

import (
	"context"
	"errors"
	"fmt"

	"github.com/ory/fosite"
	"github.com/ory/fosite/handler/openid"

	"mvnk/store"
)

// Authorization codes (RFC 6749 §4.1.2). PKCE (RFC 7636) and the OIDC
// request are the same fosite request as the code: fosite stores each
// under the code's signature with a subset of the form. We keep one row
// (the code, its form holding code_challenge, nonce, max_age, prompt; see
// sanitationAllowed) and answer the PKCE and OIDC storage from it, which
// saves two writes per login.

func (s *fositeStore) CreateAuthorizeCodeSession(ctx context.Context, signature string, r fosite.Requester) error {
	return s.create(ctx, kindCode, signature, "", r)
}

// GetAuthorizeCodeSession returns the request together with
// ErrInvalidatedAuthorizeCode for a used code, so fosite revokes the
// tokens issued for its first use (RFC 6749 §4.1.2, RFC 9700 §4.5).
func (s *fositeStore) GetAuthorizeCodeSession(ctx context.Context, signature string, sess fosite.Session) (fosite.Requester, error) {
	req, rw, err := s.get(ctx, kindCode, signature, sess)
	if err != nil {
		return nil, err
	}
	if !rw.active {
		return req, fosite.ErrInvalidatedAuthorizeCode
	}
	return req, nil
}

// InvalidateAuthorizeCodeSession marks the code used. Of two concurrent
// exchanges only one flips the row; the other fails and rolls back.
func (s *fositeStore) InvalidateAuthorizeCodeSession(ctx context.Context, signature string) error {
	res, err := s.exec(ctx, `UPDATE idp_tokens SET active = FALSE, first_used_at = $2
		WHERE id = $1 AND active = TRUE`, tokenID(kindCode, signature), store.Micros(s.now()))
	if err != nil {
		return fositeErr(err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("%w: code already used", fosite.ErrSerializationFailure)
	}
	return nil
}

func (s *fositeStore) CreatePKCERequestSession(context.Context, string, fosite.Requester) error {
	return nil // kept in the code row
}

func (s *fositeStore) GetPKCERequestSession(ctx context.Context, signature string, sess fosite.Session) (fosite.Requester, error) {
	req, _, err := s.get(ctx, kindCode, signature, sess)
	return req, err
}

func (s *fositeStore) DeletePKCERequestSession(context.Context, string) error {
	return nil // goes with the code row
}

func (s *fositeStore) CreateOpenIDConnectSession(context.Context, string, fosite.Requester) error {
	return nil // kept in the code row
}

// GetOpenIDConnectSession gets the code itself, not its signature. A code
// issued without scope openid has no OIDC session (OIDC Core §3.1.2.1).
func (s *fositeStore) GetOpenIDConnectSession(ctx context.Context, code string, r fosite.Requester) (fosite.Requester, error) {
	req, _, err := s.get(ctx, kindCode, s.codeSignature(ctx, code), r.GetSession())
	if errors.Is(err, fosite.ErrNotFound) {
		return nil, openid.ErrNoSessionFound
	}
	if err != nil {
		return nil, err
	}
	if !req.GetGrantedScopes().Has("openid") {
		return nil, openid.ErrNoSessionFound
	}
	return req, nil
}

func (s *fositeStore) DeleteOpenIDConnectSession(context.Context, string) error {
	return nil // goes with the code row
}
