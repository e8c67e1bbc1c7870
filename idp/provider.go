package idp

import (
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/ory/fosite"

	"mvnk/portal"
	"mvnk/store"
)

// Config tunes the provider. Zero lifetimes take the defaults, which are
// short on purpose (idp-anchors §4.4 pitfall 8; FAPI 2.0 §5.3.2.1).
type Config struct {
	// Issuer is the exact issuer URL (OIDC Discovery §3, RFC 9207), an
	// https origin without path, e.g. "https://konto.example.de".
	Issuer string
	// MasterKey (32 bytes) is the root of the HMAC, encryption and salt
	// keys of this package, derived with HKDF per purpose.
	MasterKey []byte

	AccessTokenLifetime  time.Duration // default 10 min; per client
	RefreshTokenLifetime time.Duration // default 8 h; per client
	IDTokenLifetime      time.Duration // default 10 min; per client
	CodeLifetime         time.Duration // default 60 s
	LoginLifetime        time.Duration // how long a login may take; default 30 min
	// RefreshGrace keeps a rotated refresh token usable this long, for
	// clients that refresh from several tabs at once. Default 0: strict.
	RefreshGrace time.Duration

	// HTTPClient fetches clients' jwks_uri (private_key_jwt, request
	// objects); nil: a client with a 5 s timeout.
	HTTPClient *http.Client

	Now func() time.Time // nil: time.Now

	// Shell renders the provider's pages (errors, logout) in the portal's
	// layout, so they look, read and behave like every other page.
	Shell *portal.Portal

	// Audit receives the provider's security events (token revocations);
	// nil: they are only logged.
	Audit AuditRecorder

	// Claims reads account data for ID tokens and UserInfo (claims.go);
	// nil: only sub is released.
	Claims ClaimSource
}

func (c Config) withDefaults() Config {
	c.AccessTokenLifetime = durationOr(c.AccessTokenLifetime, 10*time.Minute)
	c.RefreshTokenLifetime = durationOr(c.RefreshTokenLifetime, 8*time.Hour)
	c.IDTokenLifetime = durationOr(c.IDTokenLifetime, 10*time.Minute)
	c.CodeLifetime = durationOr(c.CodeLifetime, time.Minute)
	c.LoginLifetime = durationOr(c.LoginLifetime, 30*time.Minute)
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

func durationOr(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

func (c Config) validate() error {
	u, err := url.Parse(c.Issuer)
	if err != nil || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("idp: issuer %q must be a scheme://host origin without path", c.Issuer)
	}
	if u.Scheme != "https" && !fosite.IsLocalhost(u) {
		return errors.New("idp: issuer must be https (OIDC Discovery §3)")
	}
	return nil
}

// Provider is the OpenID Connect provider: fosite composed with our
// storage, keys and login step.
type Provider struct {
	cfg     Config
	issuer  string
	oauth   fosite.OAuth2Provider
	store   *fositeStore
	signer  *JWTSigner
	auth    Authenticator
	handoff *sealer
	salt    []byte             // pairwise subject salt (OIDC Core §8.1)
	pages   *template.Template // form_post only
	shell   *portal.Portal
	log     *slog.Logger
	// clientKeys caches the key sets behind clients' jwks_uri.
	clientKeys *jwksCache
}

// New builds the provider. clients is the client store, keys the signing
// keys (keys.Manager), auth the login step.
func New(db *store.DB, clients ClientSource, keys JWTKeys, auth Authenticator, cfg Config, logger *slog.Logger) (*Provider, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	p := &Provider{cfg: cfg, issuer: trimSlash(cfg.Issuer), signer: NewJWTSigner(keys, ""), auth: auth, log: logger}
	secrets, err := deriveSecrets(cfg.MasterKey)
	if err != nil {
		return nil, err
	}
	p.handoff, p.salt = secrets.handoff, secrets.salt
	p.clientKeys = newJWKSCache(cfg.HTTPClient, cfg.Now)
	p.store = &fositeStore{db: db, clients: clients, seal: secrets.data, now: cfg.Now, grace: cfg.RefreshGrace}
	if cfg.Shell == nil {
		return nil, errors.New("idp: Config.Shell (the portal) is required")
	}
	p.shell = cfg.Shell
	if p.pages, err = parsePages(p.issuer, cfg.Shell); err != nil {
		return nil, err
	}
	p.oauth = p.compose(secrets.hmac)
	return p, nil
}

func trimSlash(s string) string {
	for len(s) > 0 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s
}
