package httpx

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/felixge/httpsnoop"
)

// AccessLog logs each request once it is answered: 5xx as errors, the
// rest at debug level. Query strings are left out of the log, because
// OAuth requests carry codes and tokens there.
func AccessLog(logger *slog.Logger, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m := httpsnoop.CaptureMetrics(h, w, r)
		level := slog.LevelDebug
		if m.Code >= 500 {
			level = slog.LevelError
		}
		if !logger.Enabled(r.Context(), level) {
			return // the attributes below cost allocations on every request
		}
		logger.Log(r.Context(), level, "http",
			"method", r.Method, "path", r.URL.Path, "status", m.Code,
			"bytes", m.Written, "took", m.Duration.Round(time.Microsecond))
	})
}

// Recover turns a panic in a handler into a logged 500 instead of a
// dropped connection. onPanic writes the answer (a German error page).
func Recover(logger *slog.Logger, onPanic func(http.ResponseWriter, *http.Request, error), h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p) // the server's own signal to drop the connection
			}
			logger.Error("panic in handler", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
			onPanic(w, r, fmt.Errorf("panic: %v", p))
		}()
		h.ServeHTTP(w, r)
	})
}
