// Package app wires the components into one running mvnk: it opens the
// store, migrates it, loads the keys and mounts every handler. The same Main
// is what `mvnk serve` runs and what the end-to-end tests start.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"mvnk/audit"
	"mvnk/eid/bundid"
	"mvnk/eid/simulator"
	"mvnk/eid/tr03130"
	"mvnk/idp"
	"mvnk/idp/account"
	"mvnk/idp/console"
	"mvnk/idp/login"
	"mvnk/internal/config"
	"mvnk/internal/mail"
	"mvnk/keys"
	"mvnk/portal"
	"mvnk/postfach"
	"mvnk/store"
	"mvnk/store/jobs"
	"mvnk/store/ratelimit"
)

// Version is set at build time with -ldflags "-X mvnk/internal/app.Version=…".
var Version = "dev"

// Main is one mvnk process: its configuration and its wired components.
type Main struct {
	Config  *config.Config
	Logger  *slog.Logger
	DB      *store.DB
	Keys    *keys.Manager
	Portal  *portal.Portal
	Jobs    *jobs.Runner
	Metrics *prometheus.Registry
	IdP     *idp.Provider
	Console *console.Console
	Audit   *audit.Log
	Mail    *mail.Outbox

	Postfach      *postfach.Store   // the citizen mailboxes; tests set its clock
	PostfachSweep *postfach.Service // the Bekanntgabe sweep

	master  []byte
	handler http.Handler
	forget  accountForgetter // what deleting an account ends and erases
}

// Migrations lists every component's schema, in dependency order.
func Migrations() []store.Migrations {
	return []store.Migrations{jobs.Migrations, mail.Migrations, keys.Migrations, portal.Migrations, idp.Migrations,
		account.Migrations, login.Migrations, audit.Migrations, simulator.Migrations, tr03130.Migrations, bundid.Migrations,
		postfach.Migrations, postfach.WebhookMigrations, ratelimit.Migrations}
}

// StartError is a failure to start: a bad setting, an unreachable
// database, a taken port. mvnk prints it as one line and exits with code 2.
type StartError struct {
	Setting string
	Err     error
}

func (e *StartError) Error() string {
	msg := strings.Join(strings.Fields(e.Err.Error()), " ") // one line, whatever the driver said
	if e.Setting == "" {
		return msg
	}
	return e.Setting + ": " + msg
}

func (e *StartError) Unwrap() error { return e.Err }

// ExitCode maps an error of a subcommand to the process exit code.
func ExitCode(err error) int {
	var se *StartError
	var ce *config.Error
	switch {
	case err == nil:
		return 0
	case errors.As(err, &se), errors.As(err, &ce):
		return 2
	default:
		return 1
	}
}

// Open opens the database and the keys. migrate=true applies pending
// migrations first (serve does; admin commands act on a migrated store).
func Open(ctx context.Context, cfg *config.Config, logger *slog.Logger, migrate bool) (*Main, error) {
	db, err := store.Open(ctx, cfg.DatabaseURL, store.Options{})
	if err != nil {
		return nil, &StartError{Setting: "MVNK_DATABASE_URL", Err: err}
	}
	m := &Main{Config: cfg, Logger: logger, DB: db}
	if err := m.open(ctx, migrate); err != nil {
		db.Close()
		return nil, err
	}
	return m, nil
}

func (m *Main) open(ctx context.Context, migrate bool) error {
	if migrate {
		n, err := m.DB.Migrate(ctx, Migrations()...)
		if err != nil {
			return &StartError{Setting: "MVNK_DATABASE_URL", Err: fmt.Errorf("migrate: %w", err)}
		}
		if n > 0 {
			m.Logger.Info("database migrated", "applied", n, "dialect", m.DB.Dialect.String())
		}
	}
	master, err := m.masterKey()
	if err != nil {
		return err
	}
	m.master = master
	m.Audit = audit.New(m.DB, m.Logger)
	m.Keys = keys.New(m.DB, master, keys.Config{
		PrePublish:       m.Config.KeyPrePublish,
		RotateEvery:      m.Config.KeyRotateEvery,
		MaxTokenLifetime: m.Config.TokenMaxLife,
	}, m.Logger)
	if err := m.Keys.Ensure(ctx); err != nil {
		return &StartError{Setting: "MVNK_MASTER_KEY", Err: err}
	}
	return nil
}

func (m *Main) masterKey() ([]byte, error) {
	if m.Config.MasterKey != "" {
		k, err := keys.ParseMasterKey(m.Config.MasterKey)
		if err != nil {
			return nil, &StartError{Setting: "MVNK_MASTER_KEY", Err: err}
		}
		return k, nil
	}
	k, err := keys.DevMasterKey(m.Config.DataDir) // config guarantees dev mode here
	if err != nil {
		return nil, &StartError{Setting: "MVNK_DATA_DIR", Err: err}
	}
	return k, nil
}

// Close releases the database.
func (m *Main) Close() error { return m.DB.Close() }

func newRegistry(db *store.DB) *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(db.DB, "mvnk"),
	)
	return reg
}
