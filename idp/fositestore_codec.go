package idp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/ory/fosite"
	"golang.org/x/text/language"

	"mvnk/store"
)

// storedRequest is the part of a fosite request a token row keeps. It is
// sealed as a whole: scopes, form (nonce, PKCE challenge) and session
// (claims, local subject) are personal data at rest.
type storedRequest struct {
	ID              string          `json:"id"`
	RequestedAt     time.Time       `json:"requested_at"`
	ClientID        string          `json:"client_id"`
	Scopes          []string        `json:"scopes"`
	GrantedScopes   []string        `json:"granted_scopes"`
	Audience        []string        `json:"audience"`
	GrantedAudience []string        `json:"granted_audience"`
	Form            url.Values      `json:"form"`
	Lang            string          `json:"lang,omitempty"`
	Session         json.RawMessage `json:"session"`
}

// encode seals r for the row rowID.
func (s *fositeStore) encode(rowID string, r fosite.Requester) (string, error) {
	sess, err := json.Marshal(storedSession(r.GetSession()))
	if err != nil {
		return "", err
	}
	raw, err := json.Marshal(storedRequest{
		ID: r.GetID(), RequestedAt: r.GetRequestedAt(), ClientID: r.GetClient().GetID(),
		Scopes: r.GetRequestedScopes(), GrantedScopes: r.GetGrantedScopes(),
		Audience: r.GetRequestedAudience(), GrantedAudience: r.GetGrantedAudience(),
		Form: r.GetRequestForm(), Lang: langOf(r), Session: sess,
	})
	if err != nil {
		return "", err
	}
	return s.seal.seal(raw, rowID), nil
}

// storedSession leaves out the claims and header of a JWT access token:
// they are signed into the token itself, set afresh for every token
// (signJWT), and no reader of a row needs them; the jti has its own
// column. That is about a third less to encode and seal per token.
func storedSession(s fosite.Session) fosite.Session {
	sess, ok := s.(*Session)
	if !ok || (sess.AccessClaims == nil && sess.AccessHeader == nil) {
		return s
	}
	c := *sess
	c.AccessClaims, c.AccessHeader = nil, nil
	return &c
}

// decode opens a row's data into a fosite request, hydrating sess (a new
// Session when fosite passes none, as its revocation handler does).
func (s *fositeStore) decode(ctx context.Context, rowID, data string, sess fosite.Session) (*fosite.Request, error) {
	raw, err := s.seal.open(data, rowID)
	if err != nil {
		return nil, err
	}
	var sr storedRequest
	if err := json.Unmarshal(raw, &sr); err != nil {
		return nil, fmt.Errorf("idp: stored request: %w", err)
	}
	if sess == nil {
		sess = newSession()
	}
	if err := json.Unmarshal(sr.Session, sess); err != nil {
		return nil, fmt.Errorf("idp: stored session: %w", err)
	}
	client, err := s.GetClient(ctx, sr.ClientID)
	if err != nil {
		return nil, err
	}
	lang, _ := language.Parse(sr.Lang)
	return &fosite.Request{
		ID: sr.ID, RequestedAt: sr.RequestedAt, Client: client,
		RequestedScope: sr.Scopes, GrantedScope: sr.GrantedScopes,
		RequestedAudience: sr.Audience, GrantedAudience: sr.GrantedAudience,
		Form: sr.Form, Lang: lang, Session: sess,
	}, nil
}

// fositeErr maps store sentinels onto the errors fosite's handlers test
// for: a missing row is fosite.ErrNotFound, a lost race (PostgreSQL
// SQLSTATE 40001, a unique key) is fosite.ErrSerializationFailure.
func fositeErr(err error) error {
	err = store.Classify(err)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("%w: %w", fosite.ErrNotFound, err)
	case errors.Is(err, store.ErrConflict):
		return fmt.Errorf("%w: %w", fosite.ErrSerializationFailure, err)
	}
	return err
}

// langOf is the request's UI language, if fosite recorded one.
func langOf(r fosite.Requester) string {
	if l, ok := r.(interface{ GetLang() language.Tag }); ok {
		return l.GetLang().String()
	}
	return ""
}
