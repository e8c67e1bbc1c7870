// Package simulator is the test eID: an eid.Bridge that behaves like the
// hand-off to the AusweisApp (egov-standards §7.3) — choose a test card,
// consent per attribute (TR-03130 OperationsAllowedByUser), enter the PIN
// — without a card, a reader or an eID-Server. Every one of its pages
// says that it is no real identification; outside a development instance
// it must be switched on explicitly (MVNK_EID_SIMULATOR=true).
package simulator

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"mvnk/eid"
	"mvnk/eid/trust"
	"mvnk/portal"
	"mvnk/store"
)

// Path is where the simulator's pages are; the login serves them there.
const Path = "/eid-simulator"

// TestPIN is the PIN of every test card (shown on the PIN page).
const TestPIN = "123456"

// Source is the source of the attributes it proves.
const Source = "eid-simulator"

// vorgangTTL is how long an identification may take.
const vorgangTTL = 15 * time.Minute

// maxPINFailures blocks a card (TR-03110: the PIN is blocked after the third).
const maxPINFailures = 3

// ErrNotAllowed: the simulator is refused outside a development instance.
var ErrNotAllowed = errors.New("eid simulator: refused outside a development instance (set MVNK_EID_SIMULATOR=true to allow it)")

// Options configure the simulator.
type Options struct {
	Dev     bool   // a development instance: the simulator is on by default
	Allowed bool   // explicitly allowed outside development (MVNK_EID_SIMULATOR=true)
	Sector  string // the RestrictedID sector; default "eid-simulator"
	// SectorKey is the pseudonym key of the sector (key 2 of the
	// AusweisApp simulator card); default a fixed test key, so a test
	// person's RestrictedID is the same on every node and every start.
	SectorKey []byte
}

// Simulator is the test eID bridge.
type Simulator struct {
	portal *portal.Portal
	db     *store.DB
	opts   Options
	Now    func() time.Time
}

var _ eid.Bridge = (*Simulator)(nil)

// New returns the simulator and adds its pages to the portal. It refuses
// (ErrNotAllowed) outside a development instance unless allowed.
func New(p *portal.Portal, db *store.DB, opts Options) (*Simulator, error) {
	if !opts.Dev && !opts.Allowed {
		return nil, ErrNotAllowed
	}
	if opts.Sector == "" {
		opts.Sector = "eid-simulator"
	}
	if len(opts.SectorKey) == 0 {
		opts.SectorKey = []byte("mvnk eid-simulator test sector key")
	}
	if err := p.AddPages(templateFS, "templates"); err != nil {
		return nil, err
	}
	return &Simulator{portal: p, db: db, opts: opts, Now: time.Now}, nil
}

// Name implements eid.Bridge.
func (s *Simulator) Name() string { return "eid-simulator" }

// MaxLevel implements eid.Bridge: the test cards prove hoch.
func (s *Simulator) MaxLevel() trust.Level { return trust.Hoch }

// Begin implements eid.Bridge: the request is kept server-side and the
// browser goes to the simulator's first page.
func (s *Simulator) Begin(ctx context.Context, r eid.Request) (eid.Start, error) {
	handle, err := s.create(ctx, r)
	if err != nil {
		return eid.Start{}, err
	}
	return eid.Start{RedirectURL: Path + "?vorgang=" + handle, Handle: handle}, nil
}

// restrictedID is the person's pseudonym in the sector: stable per
// person and sector, unlinkable across sectors (TR-03110 Restricted
// Identification, here an HMAC).
func (s *Simulator) restrictedID(personID string) string {
	mac := hmac.New(sha256.New, s.opts.SectorKey)
	mac.Write([]byte(s.opts.Sector + "\x00" + personID))
	return hex.EncodeToString(mac.Sum(nil))
}
