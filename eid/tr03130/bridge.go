// Package tr03130 is the eID bridge to an eID-Server speaking the SOAP
// eID-Interface of BSI TR-03130 (egov-standards §7.2): useID opens an
// identification, the browser hands the TC Token to the local AusweisApp,
// which reads the card with the eID-Server, and getResult on the callback
// returns the card's data, the RestrictedID of our sector and the level.
package tr03130

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"mvnk/eid"
	"mvnk/eid/trust"
	"mvnk/store"
)

// Config of the connector.
type Config struct {
	// ServerURL is the eID-Server's SOAP endpoint (https).
	ServerURL string
	// ClientCert authenticates us to the eID-Server (mutual TLS).
	ClientCert tls.Certificate
	// ServerCAs verify the eID-Server; nil means the system roots.
	ServerCAs *x509.CertPool
	// Sector names the Berechtigungszertifikat's sector, to which the
	// RestrictedID belongs.
	Sector string
	// RefreshBaseURL is our public base URL (https://idp.example), under
	// which TCTokenPath is served.
	RefreshBaseURL string
	// Attributes are asked for when a Request lists none.
	Attributes map[eid.Attr]eid.Requirement
	// HTTPClient replaces the mutual-TLS client built from the fields
	// above (tests; a proxy). Its TLS set-up is then the caller's.
	HTTPClient *http.Client

	Timeout          time.Duration // per SOAP call; default 15 s
	SessionTTL       time.Duration // useID until getResult; default 10 min
	MaxResponseBytes int64         // default 1 MiB
	RetryDelay       time.Duration // first noResultYet back-off; default 100 ms
	MaxTries         int           // getResult calls per Complete; default 10
}

// Sealer seals the PSK at rest (keys.Sealer).
type Sealer interface {
	Seal(plain []byte, ad string) (string, error)
	Open(sealed, ad string) ([]byte, error)
}

// TCTokenPath is where TCTokenHandler must be mounted (GET).
const TCTokenPath = "/eid/tc-token"

// eIDClientURL is the local AusweisApp (TR-03124-1 §2.2).
const eIDClientURL = "http://127.0.0.1:24727/eID-Client"

// Bridge is the eID bridge over a TR-03130 eID-Server.
type Bridge struct {
	cfg      Config
	client   *http.Client
	sessions sessions
	sealer   Sealer
	now      func() time.Time
}

var _ eid.Bridge = (*Bridge)(nil)

// New returns the connector; db must be migrated with Migrations.
func New(cfg Config, db *store.DB, sealer Sealer) (*Bridge, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if db == nil || sealer == nil {
		return nil, errors.New("tr03130: database and sealer are required")
	}
	cfg.defaults()
	b := &Bridge{cfg: cfg, client: cfg.HTTPClient, sessions: sessions{db: db}, sealer: sealer, now: time.Now}
	if b.client == nil {
		b.client = mutualTLSClient(cfg)
	}
	return b, nil
}

func (c Config) validate() error {
	u, err := url.Parse(c.ServerURL)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return errors.New("tr03130: ServerURL must be an https URL")
	}
	if c.HTTPClient == nil && len(c.ClientCert.Certificate) == 0 {
		return errors.New("tr03130: ClientCert is required (mutual TLS to the eID-Server)")
	}
	if b, err := url.Parse(c.RefreshBaseURL); err != nil || b.Host == "" {
		return errors.New("tr03130: RefreshBaseURL must be an absolute URL")
	}
	if c.Sector == "" {
		return errors.New("tr03130: Sector is required")
	}
	return nil
}

func (c *Config) defaults() {
	c.RefreshBaseURL = strings.TrimSuffix(c.RefreshBaseURL, "/")
	c.Timeout = orDefault(c.Timeout, 15*time.Second)
	c.SessionTTL = orDefault(c.SessionTTL, 10*time.Minute)
	c.RetryDelay = orDefault(c.RetryDelay, 100*time.Millisecond)
	c.MaxResponseBytes = orDefault(c.MaxResponseBytes, 1<<20)
	c.MaxTries = orDefault(c.MaxTries, 10)
}

func orDefault[T int | int64 | time.Duration](v, d T) T {
	if v <= 0 {
		return d
	}
	return v
}

// mutualTLSClient presents the client certificate and trusts ServerCAs.
func mutualTLSClient(cfg Config) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{
		Certificates: []tls.Certificate{cfg.ClientCert},
		RootCAs:      cfg.ServerCAs,
		MinVersion:   tls.VersionTLS12,
	}
	return &http.Client{Transport: tr, Timeout: cfg.Timeout, CheckRedirect: noRedirect}
}

// noRedirect: a SOAP answer comes from the configured endpoint only.
func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// Name is the bridge's name in configuration and the audit log.
func (b *Bridge) Name() string { return "tr03130" }

// MaxLevel: an eID card proves hoch (eIDAS notification of the nPA).
func (b *Bridge) MaxLevel() trust.Level { return trust.Hoch }

// PurgeExpired removes abandoned identifications; run it periodically.
func (b *Bridge) PurgeExpired(ctx context.Context) (int64, error) {
	return b.sessions.purge(ctx, b.now())
}

// FormOrigins: Begin sends the browser to the local eID-Client, after the
// login's form post; CSP form-action must name it.
func (b *Bridge) FormOrigins() []string {
	u, err := url.Parse(eIDClientURL)
	if err != nil {
		return nil
	}
	return []string{u.Scheme + "://" + u.Host}
}
