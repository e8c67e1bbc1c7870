package app

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/internal/config"
)

// On SIGTERM a request that is being answered finishes before Serve returns.
func TestShutdownFinishesInFlightRequests(t *testing.T) {
	m, err := Open(context.Background(), testConfig(t), slog.New(slog.NewTextHandler(io.Discard, nil)), true)
	require.NoError(t, err)
	defer m.Close()
	require.NoError(t, m.Build())

	started := make(chan struct{})
	m.handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		_, _ = io.WriteString(w, "fertig")
	})
	ln, err := m.Listen()
	require.NoError(t, err)
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- m.Serve(ctx, ln) }()

	answer := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			answer <- "error: " + err.Error()
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		answer <- string(body)
	}()
	<-started
	stop() // as SIGTERM does through signal.NotifyContext
	require.Equal(t, "fertig", <-answer)
	require.NoError(t, <-served)
	_, err = http.Get("http://" + ln.Addr().String() + "/slow")
	require.Error(t, err, "no new connections after shutdown")
}

// testConfig is a dev-mode configuration on a fresh data directory.
func testConfig(t *testing.T) *config.Config {
	t.Helper()
	env := map[string]string{"MVNK_DEV": "true", "MVNK_DATA_DIR": t.TempDir(), "MVNK_LISTEN": "127.0.0.1:0"}
	c, _, err := setup("serve", Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string { return env[k] }}, nil, nil)
	require.NoError(t, err)
	return c
}
