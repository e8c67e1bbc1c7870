// Package login is the web login of the MV-Nutzerkonto: the pages to log
// in, register and reset a password, and the server-side login sessions
// behind them. It implements idp.Authenticator and idp.SessionEnder, the
// hand-off the OpenID Connect provider asks before every authorization.
// The accounts and their rules are idp/account's; this package has pages.
package login

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"mvnk/eid"
	"mvnk/idp"
	"mvnk/idp/account"
	"mvnk/internal/mail"
	"mvnk/keys"
	"mvnk/portal"
	"mvnk/store"
	"mvnk/store/jobs"
)

// Paths of the pages.
const (
	pathLogin    = "/anmelden"
	pathRegister = "/registrieren"
	pathConfirm  = "/registrieren/bestaetigen"
	pathForgot   = "/passwort-vergessen"
	pathReset    = "/passwort-neu"
)

// Password logins prove Basisregistrierung (egov-standards §1.1; the
// STORK QAA level the ID token's acr names) by a password (RFC 8176).
const (
	acrPassword = "STORK-QAA-Level-1"
	amrPassword = "pwd"
)

// Mailer queues mail in the caller's transaction (*mail.Outbox).
type Mailer interface {
	Queue(ctx context.Context, ex jobs.Execer, m mail.Message) error
}

// Config is what the login needs of the instance.
type Config struct {
	Issuer string // the public base URL; continuations must go back to it
	Secure bool   // https: Secure cookie with the __Host- prefix
	// MasterKey (32 bytes) seals the TOTP secrets; nil: no TOTP.
	MasterKey []byte
}

// Login is the web login step.
type Login struct {
	Portal   *portal.Portal
	Accounts *account.Authenticator
	Sessions *Sessions
	Mail     Mailer
	DB       *store.DB // where mails are queued
	Log      *slog.Logger
	Audit    Recorder // nil: logins are not audited
	// Continuation opens a continuation of the provider
	// (idp.Provider.ResumeContinuation); nil: none is known.
	Continuation func(ctx context.Context, weiter string) (idp.Continuation, bool)
	// ResumeError is where the browser goes to end the authorization a
	// continuation belongs to with an OAuth error (access_denied,
	// unmet_authentication_requirements, OIDC Core §3.1.2.6); nil or ""
	// when weiter continues no authorization.
	ResumeError func(weiter, code, description string) string
	// Sealer seals TOTP secrets (keys.Sealer under Config.MasterKey).
	Sealer account.Sealer
	// Bridge identifies people by eID (eid_*.go); nil: no eID login and
	// no step-up above Basisregistrierung.
	Bridge eid.Bridge
	cfg    Config
}

var (
	_ idp.Authenticator = (*Login)(nil)
	_ idp.SessionEnder  = (*Login)(nil)
)

// New returns the login step and adds its pages to the portal.
func New(p *portal.Portal, db *store.DB, accounts *account.Authenticator, outbox Mailer, cfg Config, logger *slog.Logger) (*Login, error) {
	if err := p.AddPages(templateFS, "templates"); err != nil {
		return nil, err
	}
	cfg.Issuer = strings.TrimRight(cfg.Issuer, "/")
	l := &Login{Portal: p, Accounts: accounts, Sessions: NewSessions(db), Mail: outbox,
		DB: db, Log: logger, cfg: cfg}
	if cfg.MasterKey != nil {
		sealer, err := keys.NewSealer(cfg.MasterKey)
		if err != nil {
			return nil, err
		}
		l.Sealer = sealer
	}
	return l, nil
}

// Mount registers the pages on the portal's (CSRF-protected) page mux.
func (l *Login) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET "+pathLogin, l.showLogin)
	mux.HandleFunc("POST "+pathLogin, l.submitLogin)
	mux.HandleFunc("GET "+pathRegister, l.showRegister)
	mux.HandleFunc("POST "+pathRegister, l.submitRegister)
	mux.HandleFunc("GET "+pathConfirm, l.showConfirm)
	mux.HandleFunc("POST "+pathConfirm, l.submitConfirm)
	mux.HandleFunc("GET "+pathForgot, l.showForgot)
	mux.HandleFunc("POST "+pathForgot, l.submitForgot)
	mux.HandleFunc("GET "+pathReset, l.showReset)
	mux.HandleFunc("POST "+pathReset, l.submitReset)
	l.mountSecondFactor(mux)
	l.mountPasskeys(mux)
	l.mountEID(mux)
}

func (l *Login) now() time.Time { return l.Sessions.Now() }
