package simulator

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"

	"mvnk/eid"
	"mvnk/store"
)

// States of an identification.
const (
	stateNew       = "neu"         // choose a test card
	statePerson    = "person"      // card chosen: consent to the attributes
	stateConsented = "daten"       // consented: enter the PIN
	stateDone      = "fertig"      // PIN right: the result is ready
	stateCancelled = "abgebrochen" // the person cancelled
)

// vorgang is one identification in progress.
type vorgang struct {
	Handle  string
	Request eid.Request
	Person  string
	Allowed []eid.Attr
	State   string
}

func (s *Simulator) create(ctx context.Context, r eid.Request) (string, error) {
	var b [32]byte
	_, _ = rand.Read(b[:])
	handle := base64.RawURLEncoding.EncodeToString(b[:])
	raw, err := json.Marshal(r)
	if err != nil {
		return "", err
	}
	now := s.Now()
	_, err = s.db.ExecContext(ctx, `INSERT INTO eid_sim_vorgaenge (handle, request, state, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5)`, handle, string(raw), stateNew, store.Micros(now), store.Micros(now.Add(vorgangTTL)))
	return handle, store.Classify(err)
}

// load reads a live identification; eid.ErrUnknownHandle if there is none.
func (s *Simulator) load(ctx context.Context, handle string) (*vorgang, error) {
	var raw, allowed string
	v := &vorgang{Handle: handle}
	err := s.db.QueryRowContext(ctx, `SELECT request, person, allowed, state FROM eid_sim_vorgaenge
		WHERE handle = $1 AND expires_at > $2`, handle, store.Micros(s.Now())).Scan(&raw, &v.Person, &allowed, &v.State)
	if errors.Is(store.Classify(err), store.ErrNotFound) {
		return nil, fmt.Errorf("%w (%w)", eid.ErrUnknownHandle, errExpired)
	}
	if err != nil {
		return nil, store.Classify(err)
	}
	if err := json.Unmarshal([]byte(raw), &v.Request); err != nil {
		return nil, err
	}
	return v, json.Unmarshal([]byte(allowed), &v.Allowed)
}

// advance moves an identification from state from to the next step; a
// stale form (another tab moved it on) changes nothing.
func (s *Simulator) advance(ctx context.Context, v *vorgang, from, to string) error {
	allowed, _ := json.Marshal(v.Allowed)
	res, err := s.db.ExecContext(ctx, `UPDATE eid_sim_vorgaenge SET person = $3, allowed = $4, state = $5
		WHERE handle = $1 AND state = $2`, v.Handle, from, v.Person, string(allowed), to)
	if err != nil {
		return store.Classify(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return eid.ErrUnknownHandle
	}
	return nil
}

// take reads and deletes an identification: its result is given once.
func (s *Simulator) take(ctx context.Context, handle string) (*vorgang, error) {
	v, err := s.load(ctx, handle)
	if err != nil {
		return nil, err
	}
	res, err := s.db.ExecContext(ctx, `DELETE FROM eid_sim_vorgaenge WHERE handle = $1`, handle)
	if err != nil {
		return nil, store.Classify(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, eid.ErrUnknownHandle // taken at the same time by another request
	}
	return v, nil
}

// Purge deletes expired identifications. It is a jobs.Handler.
func (s *Simulator) Purge(ctx context.Context, _ string) error {
	_, err := s.db.DeleteExpired(ctx, "eid_sim_vorgaenge", "handle", s.Now(), 1000)
	return err
}
