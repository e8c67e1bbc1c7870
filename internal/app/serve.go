package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Listen binds the configured address; a taken port is a start error.
func (m *Main) Listen() (net.Listener, error) {
	ln, err := net.Listen("tcp", m.Config.Listen)
	if err != nil {
		return nil, &StartError{Setting: "MVNK_LISTEN", Err: err}
	}
	return ln, nil
}

// Serve answers HTTP on ln and runs the background jobs until ctx ends,
// then shuts down gracefully: no new connections, in-flight requests and
// the running job finish (up to the shutdown timeout).
func (m *Main) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           m.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          nil,
	}
	jobsCtx, stopJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer stopJobs()
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := m.Jobs.Run(jobsCtx); err != nil {
			m.Logger.Error("job runner stopped", "err", err)
		}
	})
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	m.Logger.Info("mvnk serving", "listen", ln.Addr().String(), "issuer", m.Config.Issuer(),
		"database", m.DB.Dialect.String(), "dev", m.Config.Dev, "version", Version)

	var err error
	select {
	case err = <-serveErr:
	case <-ctx.Done():
	}
	m.Logger.Info("mvnk shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), m.Config.ShutdownTimeout)
	defer cancel()
	if serr := srv.Shutdown(shutdownCtx); serr != nil {
		err = errors.Join(err, fmt.Errorf("shutdown: %w", serr))
	}
	stopJobs()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-shutdownCtx.Done():
		m.Logger.Warn("background job still running at shutdown deadline")
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
