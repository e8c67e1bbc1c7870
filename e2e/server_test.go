package e2e

import (
	"context"
	"flag"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/internal/app"
	"mvnk/internal/config"
)

// startServer runs the whole app, as `mvnk serve --dev` would, on a
// temporary SQLite database. The public URL is the test server's own, so
// it is http and HSTS must be off.
func startServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	m := openApp(t, "http://"+srv.Listener.Addr().String())
	srv.Config.Handler = m.Handler()
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// openApp opens and builds the app for publicURL; the app is closed when
// the test ends.
func openApp(t *testing.T, publicURL string) *app.Main {
	t.Helper()
	env := map[string]string{
		"MVNK_DEV":        "true",
		"MVNK_DATA_DIR":   t.TempDir(),
		"MVNK_PUBLIC_URL": publicURL,
	}
	cfg, err := config.Load(config.RegisterFlags(flag.NewFlagSet("e2e", flag.ContinueOnError)),
		func(k string) string { return env[k] })
	require.NoError(t, err)
	logger := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	m, err := app.Open(context.Background(), cfg, logger, true)
	require.NoError(t, err)
	t.Cleanup(func() { _ = m.Close() })
	require.NoError(t, m.Build())
	return m
}
