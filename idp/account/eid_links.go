package account

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"mvnk/store"
)

// EIDLink is a sector-specific identifier (RestrictedID, bPK2) linked to
// an account. Only its hash is kept: the identifier itself is an
// attribute, given only to clients registered to need it.
type EIDLink struct {
	Sector      string    `json:"sector"`
	SubjectHash string    `json:"subject_hash"`
	CreatedAt   time.Time `json:"created_at"`
}

// ErrLinkedElsewhere: the identifier is linked to another account. An
// eID proves one person, who has one account; it is never moved silently.
var ErrLinkedElsewhere = errors.New("this eID is already linked to another account")

// ErrNoLink: no account is linked to the identifier.
var ErrNoLink = errors.New("no account is linked to this eID")

// SubjectHash is the stored form of an identifier: SHA-256, hex.
func SubjectHash(subject string) string {
	sum := sha256.Sum256([]byte(subject))
	return hex.EncodeToString(sum[:])
}

// LinkEID links the identifier of a sector to the account. Linking it
// again to the same account is a no-op; to another it is
// ErrLinkedElsewhere.
func (s *Store) LinkEID(ctx context.Context, accountID, sector, subject string) error {
	if sector == "" || subject == "" {
		return &ValidationError{"eid_link", "needs a sector and an identifier"}
	}
	owner, err := s.AccountByEID(ctx, sector, subject)
	switch {
	case err == nil && owner == accountID:
		return nil
	case err == nil:
		return ErrLinkedElsewhere
	case !errors.Is(err, ErrNoLink):
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO account_eid_links (account_id, sector, subject_hash, created_at)
		VALUES ($1, $2, $3, $4)`, accountID, sector, SubjectHash(subject), store.Micros(s.now()))
	return s.linkError(ctx, accountID, sector, subject, store.Classify(err))
}

// linkError sorts out a failed insert: a concurrent link of the same
// identifier (a conflict), or an account that does not exist.
func (s *Store) linkError(ctx context.Context, accountID, sector, subject string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, store.ErrConflict) {
		if owner, err2 := s.AccountByEID(ctx, sector, subject); err2 == nil && owner == accountID {
			return nil
		}
		return ErrLinkedElsewhere
	}
	if _, gerr := s.GetByID(ctx, accountID); gerr != nil {
		return gerr
	}
	return fmt.Errorf("link eid: %w", err)
}

// AccountByEID is the id of the account the identifier is linked to.
func (s *Store) AccountByEID(ctx context.Context, sector, subject string) (string, error) {
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT account_id FROM account_eid_links
		WHERE sector = $1 AND subject_hash = $2`, sector, SubjectHash(subject)).Scan(&id)
	if errors.Is(store.Classify(err), store.ErrNotFound) {
		return "", ErrNoLink
	}
	return id, store.Classify(err)
}

// EIDLinks lists the links of an account (for the data export).
func (s *Store) EIDLinks(ctx context.Context, accountID string) ([]EIDLink, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT sector, subject_hash, created_at
		FROM account_eid_links WHERE account_id = $1 ORDER BY created_at, sector`, accountID)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	list := []EIDLink{}
	for rows.Next() {
		var l EIDLink
		var created int64
		if err := rows.Scan(&l.Sector, &l.SubjectHash, &created); err != nil {
			return nil, err
		}
		l.CreatedAt = store.FromMicros(created)
		list = append(list, l)
	}
	return list, rows.Err()
}
