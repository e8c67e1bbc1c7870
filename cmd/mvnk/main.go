// Command mvnk runs the MV-Serviceplattform and its admin tasks.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"mvnk/internal/app"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := app.Run(ctx, os.Args[1:], app.OSEnv())
	stop()
	os.Exit(code)
}
