package app_test

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"testing"

	"mvnk/internal/app"
)

// envChild makes the test binary run `mvnk serve` instead of the tests,
// as cmd/mvnk does: tests start it as a process of its own to kill it.
const envChild = "MVNK_TEST_CHILD_SERVE"

func TestMain(m *testing.M) {
	if os.Getenv(envChild) == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := app.Run(ctx, []string{"serve"}, app.OSEnv())
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}
