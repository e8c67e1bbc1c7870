// Package bundid is the eID bridge to BundID, the federal citizen account,
// as a SAML 2.0 service provider (egov-standards §1.3, §2.2, §7.1 option
// C). Begin signs an AuthnRequest with the akdb:AuthenticationRequest
// extension and a STORK minimum level for the HTTP-POST binding; Complete
// verifies the response on the assertion consumer service (signature,
// audience, destination, InResponseTo, validity, one-time use) and reads
// the level, the means, the bPK2 and the attributes with their own levels.
package bundid

import (
	"crypto"
	"crypto/x509"
	"errors"
	"time"

	"mvnk/eid"
	"mvnk/eid/trust"
)

// IdP is what we know of BundID from its metadata.
type IdP struct {
	EntityID     string
	SSOURL       string              // SingleSignOnService, HTTP-POST binding
	Certificates []*x509.Certificate // signing certificates (several during a rollover)
}

// Config of the connector. The ACS URL is the ReturnURL of each request.
type Config struct {
	EntityID    string // our SP entity ID, the audience of the assertions
	Key         crypto.Signer
	Certificate *x509.Certificate // registered with BundID; signs the AuthnRequests
	IdP         IdP
	// OrganizationDisplayName and OnlineServiceID are mandatory for BundID
	// (classic-ui:OrganizationDisplayName, classic-ui:OnlineServiceId).
	OrganizationDisplayName string // "Land Mecklenburg-Vorpommern"
	OnlineServiceID         string // assigned at onboarding
	// Attributes are requested in every request, besides the bPK2 and
	// those of the Request.
	Attributes map[eid.Attr]eid.Requirement
	TTL        time.Duration    // how long a request waits for its response; 0: 10 minutes
	Now        func() time.Time // nil: time.Now
}

// Bridge is the BundID connector; it implements eid.Bridge.
type Bridge struct {
	cfg   Config
	store *Store
}

var _ eid.Bridge = (*Bridge)(nil)

// New checks cfg and returns the connector on st.
func New(cfg Config, st *Store) (*Bridge, error) {
	switch {
	case cfg.EntityID == "" || cfg.Key == nil || cfg.Certificate == nil:
		return nil, errors.New("bundid: SP entity ID, key and certificate are required")
	case cfg.IdP.EntityID == "" || cfg.IdP.SSOURL == "" || len(cfg.IdP.Certificates) == 0:
		return nil, errors.New("bundid: IdP entity ID, SSO URL and signing certificate are required")
	case cfg.OrganizationDisplayName == "" || cfg.OnlineServiceID == "":
		return nil, errors.New("bundid: OrganizationDisplayName and OnlineServiceId are required")
	}
	if cfg.TTL == 0 {
		cfg.TTL = 10 * time.Minute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Bridge{cfg: cfg, store: st}, nil
}

// Name is the source name of the claims this connector proves.
func (b *Bridge) Name() string { return "bundid" }

// MaxLevel: BundID proves up to hoch (eID, eAT, eIDAS high).
func (b *Bridge) MaxLevel() trust.Level { return trust.Hoch }
