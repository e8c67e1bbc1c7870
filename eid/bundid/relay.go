package bundid

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"mvnk/eid"
	"mvnk/store"
)

// maxSAMLForm caps the ACS post: a signed response with attributes is a
// few KiB, an encrypted one somewhat more.
const maxSAMLForm = 256 << 10

// Relay is the Bridge behind one fixed ACS URL (the one registered at
// BundID). The login step's callback carries its own query (the
// continuation), and BundID posts cross-site, where the browser sends no
// Lax cookie; so the ACS keeps the posted form and redirects the browser
// (a same-site GET, cookies included) to the callback, whose Complete
// then takes the kept form.
type Relay struct {
	*Bridge
	ACS string // absolute URL of the ACS endpoint (ServeHTTP)
	db  *store.DB
	now func() time.Time
}

// NewRelay wraps b for the ACS at acs.
func NewRelay(b *Bridge, db *store.DB, acs string) *Relay {
	return &Relay{Bridge: b, ACS: acs, db: db, now: time.Now}
}

var _ eid.Bridge = (*Relay)(nil)

// Begin keeps the callback for the handle and asks BundID to answer at
// the ACS.
func (r *Relay) Begin(ctx context.Context, req eid.Request) (eid.Start, error) {
	callback := req.ReturnURL
	req.ReturnURL = r.ACS
	start, err := r.Bridge.Begin(ctx, req)
	if err != nil {
		return start, err
	}
	_, err = r.db.ExecContext(ctx, `INSERT INTO eid_bundid_relay (handle_hash, return_url, expires_at)
		VALUES ($1, $2, $3)`, hashHandle(start.Handle), callback, store.Micros(r.now().Add(r.ttl())))
	return start, store.Classify(err)
}

func (r *Relay) ttl() time.Duration {
	if r.cfg.TTL > 0 {
		return r.cfg.TTL
	}
	return 10 * time.Minute
}

// ServeHTTP is the ACS (POST, SAML HTTP-POST binding): it keeps the form
// and sends the browser to the login's callback with the handle.
func (r *Relay) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	req.Body = http.MaxBytesReader(w, req.Body, maxSAMLForm)
	if err := req.ParseForm(); err != nil || req.PostForm.Get("SAMLResponse") == "" {
		http.Error(w, "Keine gültige SAML-Antwort.", http.StatusBadRequest)
		return
	}
	handle := req.PostForm.Get("RelayState")
	var callback string
	err := r.db.QueryRowContext(req.Context(), `UPDATE eid_bundid_relay SET form = $2
		WHERE handle_hash = $1 AND form = '' AND expires_at > $3 RETURNING return_url`,
		hashHandle(handle), req.PostForm.Encode(), store.Micros(r.now())).Scan(&callback)
	if err != nil {
		http.Error(w, "Diese Anmeldung ist unbekannt oder abgelaufen.", http.StatusBadRequest)
		return
	}
	sep := "?"
	if strings.Contains(callback, "?") {
		sep = "&"
	}
	http.Redirect(w, req, callback+sep+url.Values{"vorgang": {handle}}.Encode(), http.StatusSeeOther)
}

// Complete takes the form the ACS kept for handle and completes with it.
func (r *Relay) Complete(ctx context.Context, handle string, _ *http.Request) (*eid.Result, error) {
	var form string
	err := r.db.QueryRowContext(ctx, `DELETE FROM eid_bundid_relay WHERE handle_hash = $1
		RETURNING form`, hashHandle(handle)).Scan(&form)
	if err = store.Classify(err); errors.Is(err, store.ErrNotFound) || (err == nil && form == "") {
		return nil, eid.ErrUnknownHandle
	} else if err != nil {
		return nil, err
	}
	values, err := url.ParseQuery(form)
	if err != nil {
		return nil, fmt.Errorf("%w: kept form: %w", ErrInvalidResponse, err)
	}
	cb, err := http.NewRequestWithContext(ctx, http.MethodPost, r.ACS, strings.NewReader(values.Encode()))
	if err != nil {
		return nil, err
	}
	cb.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r.Bridge.Complete(ctx, handle, cb)
}

// Purge deletes relay rows whose identification was never finished (a
// periodic job, with Store.Purge).
func (r *Relay) Purge(ctx context.Context, _ string) error {
	if _, err := r.db.DeleteExpired(ctx, "eid_bundid_relay", "handle_hash", r.now(), 1000); err != nil {
		return err
	}
	return r.store.Purge(ctx, r.now())
}
