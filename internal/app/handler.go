package app

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"mvnk/idp"
	"mvnk/idp/account"
	"mvnk/internal/httpx"
	"mvnk/portal"
	"mvnk/store/jobs"
)

// Build creates the portal, the job runner and the HTTP handler. It is
// separate from Open so that admin commands don't parse templates.
func (m *Main) Build() error {
	p, err := portal.New(portal.Config{PublicURL: m.Config.PublicURL, Dev: m.Config.Dev, Version: Version},
		m.DB, m.Keys, m.Logger)
	if err != nil {
		return &StartError{Err: err}
	}
	m.Portal = p
	m.Metrics = newRegistry(m.DB)
	m.Jobs = jobs.NewRunner(m.DB, m.Logger, jobs.Options{Poll: m.Config.JobPoll, Lease: m.Config.JobLease})
	pages, protocol := http.NewServeMux(), http.NewServeMux()
	if err := m.buildMail(pages); err != nil {
		return err
	}
	if err := m.buildIdP(pages, protocol); err != nil {
		return &StartError{Err: err}
	}
	if err := m.buildPostfach(pages, protocol); err != nil {
		return &StartError{Err: err}
	}
	m.Jobs.Every("keys.rotate", time.Hour, func(ctx context.Context, _ string) error {
		return m.Keys.RotateIfDue(ctx)
	})
	// Datenschutzerklärung: feedback is deleted twelve months after it was dealt with.
	m.Jobs.Every("portal.feedback_purge", 24*time.Hour, func(ctx context.Context, _ string) error {
		_, err := m.Portal.PurgeFeedback(ctx, time.Now().AddDate(-1, 0, 0))
		return err
	})
	m.Jobs.Every("idp.tokens_purge", time.Hour, m.IdP.PurgeExpired)
	m.Jobs.Every("idp.sessions_purge", time.Hour, m.IdP.PurgeSessions)
	m.Jobs.Handle(idp.JobBackchannelLogout, m.IdP.DeliverBackchannelLogout)
	// Used and expired e-mail links, and login counters past their window.
	accounts := account.NewStore(m.DB)
	m.Jobs.Every("account.purge", time.Hour, func(ctx context.Context, _ string) error {
		_, err := accounts.Purge(ctx, account.DefaultThrottle.Window)
		return err
	})
	m.handler = m.routes(pages, protocol)
	return nil
}

// Handler is the whole HTTP surface of this node.
func (m *Main) Handler() http.Handler { return m.handler }

// routes mounts the two postures: protocol endpoints (health, metrics,
// JWKS; later OIDC) answer machines and carry no CSRF check; pages go
// through the portal's CSRF protection. Every response gets the security
// headers, is measured and logged.
func (m *Main) routes(pages, protocol *http.ServeMux) http.Handler {
	m.Portal.Mount(pages)

	root := http.NewServeMux()
	root.HandleFunc("GET /healthz", m.healthz)
	root.HandleFunc("GET /readyz", m.readyz)
	root.Handle("GET /metrics", promhttp.HandlerFor(m.Metrics, promhttp.HandlerOpts{Registry: m.Metrics}))
	root.Handle("GET /.well-known/jwks.json", m.Keys.JWKSHandler())
	m.IdP.Mount(root)
	admin := idp.NewAdminAPI(idp.NewClientStore(m.DB), m.IdP, m.Logger)
	admin.Audit = m.Audit
	admin.Accounts = accountAuthenticator(m.DB, m.Config.Login)
	admin.Forget = m.forget
	admin.Mount(root)
	// Protocol surfaces outside the pages' CSRF check: the eID endpoints
	// (TC token, SAML ACS) and the Postfach API for Fachverfahren.
	root.Handle("/eid/", httpx.RecordRoute(protocol))
	root.Handle("/api/postfach/", httpx.RecordRoute(protocol))
	root.Handle("/", m.Portal.Protect(httpx.RecordRoute(pages)))

	metrics := httpx.NewMetrics(m.Metrics)
	var h http.Handler = root
	h = httpx.Recover(m.Logger, m.Portal.ServerError, h)
	h = m.Portal.SecurityHeaders(h)
	h = httpx.AccessLog(m.Logger, h)
	return metrics.Wrap(h)
}

// healthz: the process is alive and serving.
func (m *Main) healthz(w http.ResponseWriter, _ *http.Request) {
	writeStatus(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz: the database answers and carries every migration of this build,
// so a load balancer sends traffic only to nodes that can serve it.
func (m *Main) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := m.DB.PingContext(ctx); err != nil {
		m.Logger.Warn("readyz: database unreachable", "err", err)
		writeStatus(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": "database unreachable"})
		return
	}
	pending, err := m.DB.Pending(ctx, Migrations()...)
	if err != nil || pending > 0 {
		writeStatus(w, http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "reason": "database not migrated", "pending": pending})
		return
	}
	writeStatus(w, http.StatusOK, map[string]string{"status": "ready", "database": m.DB.Dialect.String()})
}

func writeStatus(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
