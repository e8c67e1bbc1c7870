package idp

import (
	"context"
	"fmt"
	"strings"
	"time"

	"mvnk/store"
)

// Consent is what an account let a client have (OIDC Core §3.1.2.4):
// the scopes, remembered per account and client (idp_consents).
type Consent struct {
	AccountID  string
	ClientID   string
	ClientName string // filled by Provider.Consents for the console
	Scopes     []string
	GrantedAt  time.Time
}

// SQLConsentStore keeps consents in idp_consents (005_consent_staff.sql).
// Scopes are stored space-separated, as OAuth writes them (RFC 6749 §3.3).
type SQLConsentStore struct {
	db  *store.DB
	now func() time.Time
}

// NewConsentStore returns the consent store on db.
func NewConsentStore(db *store.DB) *SQLConsentStore {
	return &SQLConsentStore{db: db, now: time.Now}
}

// Get returns the account's consent for the client; store.ErrNotFound if
// there is none.
func (s *SQLConsentStore) Get(ctx context.Context, accountID, clientID string) (*Consent, error) {
	c := &Consent{AccountID: accountID, ClientID: clientID}
	var scopes string
	var granted int64
	err := s.db.QueryRowContext(ctx, `SELECT scopes, granted_at FROM idp_consents
		WHERE account_id = $1 AND client_id = $2`, accountID, clientID).Scan(&scopes, &granted)
	if err != nil {
		return nil, fmt.Errorf("consent %s/%s: %w", accountID, clientID, store.Classify(err))
	}
	c.Scopes, c.GrantedAt = strings.Fields(scopes), store.FromMicros(granted)
	return c, nil
}

// Put stores the scopes as the account's consent for the client, in
// place of any before (the caller passes the union it wants kept). A new
// consent starts now; a changed one keeps the day it began.
func (s *SQLConsentStore) Put(ctx context.Context, accountID, clientID string, scopes []string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO idp_consents (account_id, client_id, scopes, granted_at)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (account_id, client_id) DO UPDATE SET scopes = excluded.scopes`,
		accountID, clientID, strings.Join(scopes, " "), store.Micros(s.now()))
	if err != nil {
		return fmt.Errorf("store consent %s/%s: %w", accountID, clientID, store.Classify(err))
	}
	return nil
}

// List returns the account's consents, oldest first.
func (s *SQLConsentStore) List(ctx context.Context, accountID string) ([]Consent, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT client_id, scopes, granted_at FROM idp_consents
		WHERE account_id = $1 ORDER BY granted_at, client_id`, accountID)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	list := []Consent{}
	for rows.Next() {
		c := Consent{AccountID: accountID}
		var scopes string
		var granted int64
		if err := rows.Scan(&c.ClientID, &scopes, &granted); err != nil {
			return nil, err
		}
		c.Scopes, c.GrantedAt = strings.Fields(scopes), store.FromMicros(granted)
		list = append(list, c)
	}
	return list, rows.Err()
}

// Revoke deletes the account's consent for the client; store.ErrNotFound
// if there was none.
func (s *SQLConsentStore) Revoke(ctx context.Context, accountID, clientID string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM idp_consents WHERE account_id = $1 AND client_id = $2`,
		accountID, clientID)
	if err != nil {
		return store.Classify(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("consent %s/%s: %w", accountID, clientID, store.ErrNotFound)
	}
	return nil
}

// RevokeAll deletes every consent of the account (account deletion).
func (s *SQLConsentStore) RevokeAll(ctx context.Context, accountID string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM idp_consents WHERE account_id = $1`, accountID)
	return store.Classify(err)
}
