package login

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/go-webauthn/webauthn/webauthn"

	"mvnk/store"
)

// ceremonyTTL: how long a WebAuthn ceremony may take, the timeout the
// browser is given too (WebAuthn L3 §15.1 recommends up to 10 minutes
// with user verification; five match the pending login).
const ceremonyTTL = 5 * time.Minute

// Purposes of a ceremony: a finish only takes one begun for it.
const (
	purposeLogin        = "login"
	purposeSecondFactor = "second_factor"
	purposeRegister     = "register"
)

// ErrNoCeremony: no ceremony with this id and purpose, or it expired.
var ErrNoCeremony = errors.New("login: no such webauthn ceremony")

// ErrTooManyCeremonies: the address has begun maxCeremoniesPerIP
// ceremonies that are still live; every view of the login page begins
// one, so this bounds the rows one address can make.
var ErrTooManyCeremonies = errors.New("login: too many webauthn ceremonies from this address")

// maxCeremoniesPerIP: live ceremonies per address (a household or an
// office behind one address opens a few login pages in five minutes).
const maxCeremoniesPerIP = 30

// challenges keeps ceremonies in the shared database, on the sessions'
// clock, so a login begun on one node can finish on another.
type challenges struct {
	db  *store.DB
	now func() time.Time
}

func (l *Login) challenges() *challenges {
	return &challenges{db: l.Sessions.db, now: l.Sessions.now}
}

// save stores a ceremony just begun by ip and returns the plain id for
// the script. Expired ones are cleared on the way.
func (c *challenges) save(ctx context.Context, purpose, accountID, ip string, sd *webauthn.SessionData) (string, error) {
	now := c.now()
	if _, err := c.db.ExecContext(ctx, `DELETE FROM login_webauthn_challenges WHERE expires_at <= $1`,
		store.Micros(now)); err != nil {
		return "", store.Classify(err)
	}
	var live int
	if err := c.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM login_webauthn_challenges WHERE ip = $1`,
		ip).Scan(&live); err != nil {
		return "", store.Classify(err)
	}
	if live >= maxCeremoniesPerIP {
		return "", ErrTooManyCeremonies
	}
	raw, err := json.Marshal(sd)
	if err != nil {
		return "", err
	}
	id := newSecret()
	_, err = c.db.ExecContext(ctx, `INSERT INTO login_webauthn_challenges (id_hash, purpose, account_id, ip,
		session, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, hashID(id), purpose, accountID, ip,
		string(raw), store.Micros(now), store.Micros(now.Add(ceremonyTTL)))
	return id, store.Classify(err)
}

// take deletes the ceremony and returns it if it is live, of purpose and
// of the account ("" for a discoverable login). Deleting first makes it
// single use, also when two requests race for it.
func (c *challenges) take(ctx context.Context, id, purpose, accountID string) (*webauthn.SessionData, error) {
	if id == "" {
		return nil, ErrNoCeremony
	}
	var gotPurpose, gotAccount, raw string
	var expires int64
	err := c.db.QueryRowContext(ctx, `DELETE FROM login_webauthn_challenges WHERE id_hash = $1
		RETURNING purpose, account_id, session, expires_at`, hashID(id)).Scan(&gotPurpose, &gotAccount, &raw, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoCeremony
	}
	if err != nil {
		return nil, store.Classify(err)
	}
	if gotPurpose != purpose || gotAccount != accountID || !c.now().Before(store.FromMicros(expires)) {
		return nil, ErrNoCeremony
	}
	var sd webauthn.SessionData
	return &sd, json.Unmarshal([]byte(raw), &sd)
}
