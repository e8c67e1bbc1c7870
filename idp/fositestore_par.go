package idp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/url"
	"time"

	"github.com/ory/fosite"

	"mvnk/store"
)

var _ fosite.PARStorage = (*fositeStore)(nil)

// clientAuthParams never go into a stored request (RFC 6749 §2.3, RFC 7523).
var clientAuthParams = []string{"client_secret", "client_assertion", "client_assertion_type"}

func parID(requestURI string) string {
	sum := sha256.Sum256([]byte("par:" + requestURI))
	return hex.EncodeToString(sum[:])
}

// CreatePARSession stores a pushed request (RFC 9126 §2.2): its
// parameters sealed, under the hash of the request_uri, until it expires.
func (s *fositeStore) CreatePARSession(ctx context.Context, requestURI string, ar fosite.AuthorizeRequester) error {
	form := url.Values{}
	for k, v := range ar.GetRequestForm() {
		form[k] = v
	}
	for _, k := range clientAuthParams {
		form.Del(k)
	}
	form.Set("client_id", ar.GetClient().GetID())
	raw, err := json.Marshal(form)
	if err != nil {
		return err
	}
	id := parID(requestURI)
	exp := ar.GetSession().GetExpiresAt(fosite.PushedAuthorizeRequestContext)
	_, err = s.exec(ctx, `INSERT INTO idp_par (id, client_id, expires_at, data) VALUES ($1, $2, $3, $4)`,
		id, ar.GetClient().GetID(), store.Micros(exp), s.seal.seal(raw, id))
	return fositeErr(err)
}

// GetPARSession is not used: the authorization endpoint takes a pushed
// request with consumePAR (authorize_par.go), never through fosite.
func (s *fositeStore) GetPARSession(context.Context, string) (fosite.AuthorizeRequester, error) {
	return nil, fosite.ErrNotFound
}

func (s *fositeStore) DeletePARSession(context.Context, string) error { return nil }

// errPARUnknown: no such request_uri, used already, or expired.
var errPARUnknown = errors.New("idp: request_uri unknown, used or expired")

// consumePAR takes a pushed request out of the store: the row is deleted
// as it is read, so a request_uri works once (RFC 9126 §4), on any node.
func (s *fositeStore) consumePAR(ctx context.Context, requestURI string) (clientID string, form url.Values, err error) {
	id := parID(requestURI)
	var exp int64
	var data string
	s.writes.Add(1)
	err = s.db.QueryRowContext(ctx, `DELETE FROM idp_par WHERE id = $1 RETURNING client_id, expires_at, data`, id).
		Scan(&clientID, &exp, &data)
	if err = store.Classify(err); errors.Is(err, store.ErrNotFound) {
		return "", nil, errPARUnknown
	} else if err != nil {
		return "", nil, err
	}
	if store.FromMicros(exp).Before(s.now()) {
		return "", nil, errPARUnknown
	}
	raw, err := s.seal.open(data, id)
	if err != nil {
		return "", nil, err
	}
	return clientID, form, json.Unmarshal(raw, &form)
}

// parLifetime is how long a request_uri stays valid (RFC 9126 §2.2
// expires_in): a browser redirect follows right away.
const parLifetime = 60 * time.Second
