// Package portal is the MV-Serviceportal web shell every component renders
// into: the base layout on the KERN-UX design system, German first with
// English available, CSRF protection for pages, security headers, German
// error pages, and the pages a public German portal must have (Impressum,
// Datenschutzerklärung, Erklärung zur Barrierefreiheit with its feedback
// form, Leichte Sprache).
package portal

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"mvnk/internal/i18n"
	"mvnk/store"
)

// Config is what the portal needs from the platform's configuration.
type Config struct {
	// PublicURL is the address citizens use; https enables HSTS and
	// Secure cookies.
	PublicURL *url.URL
	// Dev marks a development instance: every page shows a banner.
	Dev bool
	// Version is the build version, shown in the development banner.
	Version string
	// MaxFormBytes caps a URL-encoded form body on protected routes;
	// 0 means 64 KiB (5,000 characters of Cyrillic text need ~30 KiB).
	MaxFormBytes int64
	// MaxUploadBytes caps a multipart body on protected routes; 0 means 32 MiB.
	MaxUploadBytes int64
}

// CookieKeyring supplies the keys that sign and encrypt cookies, as pairs
// for sessions.NewCookieStore (hash key, block key, …), newest first.
// keys.Manager implements it.
type CookieKeyring interface {
	CookieKeys(ctx context.Context) ([][]byte, error)
}

// Portal is the web shell. Build it with New, register its pages with
// Mount, wrap the page mux with Protect and every response with
// SecurityHeaders.
type Portal struct {
	cfg      Config
	logger   *slog.Logger
	i18n     *i18n.Bundle
	pages    *templates
	assets   *assets
	cookies  *cookieStore
	feedback feedbackStore
	origin   *http.CrossOriginProtection
	now      func() time.Time

	navMu sync.RWMutex
	nav   []NavItem

	// SessionEnd is the end of the browser's live login session (false
	// without one); set, every page shows the countdown (session_timer.go).
	// SessionExtend is the path a POST to extends it, SessionLogin the
	// login page offered after the end, SessionLogout the path a POST to
	// logs out ("Abmelden"). Set them before serving.
	SessionEnd    func(r *http.Request) (time.Time, bool)
	SessionExtend string
	SessionLogin  string
	SessionLogout string
}

// New builds the portal. It parses every template (a missing or broken
// one is an error), loads the catalogues and the assets, and fetches the
// cookie keys once, so a misconfigured instance fails at start-up.
func New(cfg Config, db *store.DB, keyring CookieKeyring, logger *slog.Logger) (*Portal, error) {
	tfs, err := fs.Sub(templateFiles, "templates")
	if err != nil {
		return nil, err
	}
	return newPortal(cfg, db, keyring, logger, tfs)
}

func newPortal(cfg Config, db *store.DB, keyring CookieKeyring, logger *slog.Logger, tfs fs.FS) (*Portal, error) {
	if cfg.PublicURL == nil || cfg.PublicURL.Host == "" {
		return nil, errors.New("portal: PublicURL is required")
	}
	if db == nil || keyring == nil || logger == nil {
		return nil, errors.New("portal: db, keyring and logger are required")
	}
	p := &Portal{cfg: withDefaults(cfg), logger: logger, feedback: feedbackStore{db: db}, now: time.Now}
	p.nav = []NavItem{{Href: "/", Label: "nav.home"}}
	var err error
	if p.i18n, err = i18n.Load(); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	if p.pages, err = parseTemplates(tfs); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	if p.assets, err = loadAssets(); err != nil {
		return nil, fmt.Errorf("portal: assets: %w", err)
	}
	if p.cookies, err = newCookieStore(context.Background(), keyring, p.secure(), logger); err != nil {
		return nil, fmt.Errorf("portal: cookie keys: %w", err)
	}
	if p.origin, err = newOriginProtection(cfg.PublicURL, http.HandlerFunc(p.crossOriginDenied)); err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	return p, nil
}

func withDefaults(cfg Config) Config {
	if cfg.MaxFormBytes <= 0 {
		cfg.MaxFormBytes = 64 << 10
	}
	if cfg.MaxUploadBytes <= 0 {
		cfg.MaxUploadBytes = 32 << 20
	}
	return cfg
}

// secure reports whether the portal is served over https.
func (p *Portal) secure() bool { return p.cfg.PublicURL.Scheme == "https" }

// AddPages parses a component's page templates (every *.html in directory
// dir of fsys, usually its `//go:embed templates/*.html`; "name.en.html" is
// the English variant of "name") so Render can show them inside the shell.
// Call it before serving.
func (p *Portal) AddPages(fsys fs.FS, dir string) error {
	return p.pages.addPages(fsys, dir)
}
