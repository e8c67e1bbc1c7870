package idp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/ory/fosite"

	"mvnk/store"
)

// errJTIUsed: a client assertion's jti was seen before (RFC 7523 §3 item 7).
var errJTIUsed = errors.New("idp: client assertion jti already used")

func jtiID(clientID, jti string) string {
	sum := sha256.Sum256([]byte(clientID + "\x00" + jti))
	return hex.EncodeToString(sum[:])
}

// useJTI records a client assertion's jti until exp. The primary key makes
// check and record one atomic step: a second use, also on another node,
// fails with errJTIUsed.
func (s *fositeStore) useJTI(ctx context.Context, clientID, jti string, exp time.Time) error {
	_, err := s.exec(ctx, `INSERT INTO idp_client_assertions (id, expires_at) VALUES ($1, $2)`,
		jtiID(clientID, jti), store.Micros(exp))
	if err = store.Classify(err); errors.Is(err, store.ErrConflict) {
		return fmt.Errorf("%w: %w", errJTIUsed, err)
	}
	return err
}

// ClientAssertionJWTValid is fosite's replay check (used by its RFC 7523
// grant handler, which we do not compose); our own client authentication
// (client_assertion.go) uses useJTI.
func (s *fositeStore) ClientAssertionJWTValid(ctx context.Context, jti string) error {
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM idp_client_assertions WHERE id = $1 AND expires_at >= $2`,
		jtiID("", jti), store.Micros(s.now())).Scan(&n)
	if err != nil {
		return store.Classify(err)
	}
	if n > 0 {
		return fosite.ErrJTIKnown
	}
	return nil
}

func (s *fositeStore) SetClientAssertionJWT(ctx context.Context, jti string, exp time.Time) error {
	if err := s.useJTI(ctx, "", jti, exp); errors.Is(err, errJTIUsed) {
		return fosite.ErrJTIKnown
	} else if err != nil {
		return err
	}
	return nil
}
