package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"

	"mvnk/internal/config"
)

// Env is what a subcommand sees of the outside world; tests replace it.
type Env struct {
	Stdin          io.Reader // nil reads nothing (`account create --password-stdin`)
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

type command struct {
	name, summary string
	run           func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "run the platform (add --dev for a development instance with demo data)", runServe},
		{"migrate", "apply pending database migrations and exit", runMigrate},
		{"keys", "signing keys: `keys list [--json]`, `keys rotate`", runKeys},
		{"client", "OAuth/OIDC clients: `client create|list|show|update|delete` (-h for flags)", runClient},
		{"account", "user accounts: `account create|list|show|disable|delete` (-h for flags)", runAccount},
		{"audit", "audit log: `audit verify` checks the hash chain, `audit list [--limit 50] [--json]`", runAudit},
		{"bench", "load an OIDC server: client_credentials, introspection, refresh, code exchange", runBench},
		{"version", "print the version", runVersion},
		{"help", "show this help; `help config` lists every setting", runHelp},
	}
}

// Run runs the subcommand in args and returns the process exit code.
func Run(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 {
		usage(env.Stderr)
		return 2
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, env, args[1:])
			if err != nil && !errors.Is(err, flag.ErrHelp) {
				fmt.Fprintln(env.Stderr, "mvnk:", err)
			}
			return ExitCode(err)
		}
	}
	fmt.Fprintf(env.Stderr, "mvnk: unknown command %q\n\n", args[0])
	usage(env.Stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "mvnk — MV-Serviceplattform: Nutzerkonto, Postfach and the services around them")
	fmt.Fprintln(w, "\nUsage: mvnk <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEvery command reads the same configuration: flags, MVNK_* environment variables,\nthen the YAML file given by --config. `mvnk <command> -h` lists the flags.")
}

// setup parses the shared flags plus extra ones and loads the config.
func setup(name string, env Env, args []string, extra func(*flag.FlagSet)) (*config.Config, *slog.Logger, error) {
	fs := flag.NewFlagSet("mvnk "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	f := config.RegisterFlags(fs)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, nil, err
		}
		return nil, nil, &config.Error{Setting: "flags", Msg: err.Error()}
	}
	if fs.NArg() > 0 {
		return nil, nil, &config.Error{Setting: "flags", Msg: fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	cfg, err := config.Load(f, env.Getenv)
	if err != nil {
		return nil, nil, err
	}
	return cfg, newLogger(cfg, env.Stderr), nil
}

func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func runVersion(_ context.Context, env Env, _ []string) error {
	fmt.Fprintf(env.Stdout, "mvnk %s (%s, %s/%s)\n", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

func runHelp(_ context.Context, env Env, args []string) error {
	if len(args) > 0 && args[0] == "config" {
		config.WriteTable(env.Stdout)
		return nil
	}
	usage(env.Stdout)
	return nil
}

// OSEnv is the real environment.
func OSEnv() Env {
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}
