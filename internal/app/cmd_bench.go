package app

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"mvnk/internal/bench"
	"mvnk/internal/config"
)

// envBenchSecret lets the client secret stay off the command line, where
// other users of the machine could read it in the process list.
const envBenchSecret = "MVNK_BENCH_CLIENT_SECRET"

// runBench is `mvnk bench`: a load generator for any OIDC server. Its flags
// are its own, not the shared configuration: it needs no database.
func runBench(ctx context.Context, env Env, args []string) error {
	o, asJSON, err := parseBench(env, args)
	if err != nil {
		return err
	}
	rep, err := bench.Run(ctx, o)
	if err != nil {
		return &StartError{Setting: "--issuer", Err: err}
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return rep.WriteTable(env.Stdout)
}

func parseBench(env Env, args []string) (bench.Options, bool, error) {
	o := bench.Options{ClientSecret: env.Getenv(envBenchSecret)}
	var scenarios string
	var asJSON bool
	fs := flag.NewFlagSet("mvnk bench", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // a bad flag is reported in one line, below
	fs.StringVar(&o.Issuer, "issuer", "", "issuer URL of the OpenID provider to load (required)")
	fs.StringVar(&o.ClientID, "client-id", "", "client allowed client_credentials, refresh_token and authorization_code (required)")
	fs.StringVar(&o.ClientSecret, "client-secret", o.ClientSecret, "its secret, sent as client_secret_basic (default $"+envBenchSecret+")")
	fs.StringVar(&scenarios, "scenario", strings.Join(bench.Scenarios(), ","), "comma-separated scenarios to run, in this order")
	fs.IntVar(&o.Concurrency, "concurrency", 64, "concurrent clients, each with its own connection")
	fs.Float64Var(&o.Rate, "rate", 0, "fixed arrival rate in requests/s across all clients (latency counted from the scheduled time); 0: as fast as possible")
	fs.DurationVar(&o.Duration, "duration", 10*time.Second, "measured time per scenario")
	fs.IntVar(&o.Requests, "requests", 0, "measure exactly this many requests per scenario instead of a duration")
	fs.DurationVar(&o.Warmup, "warmup", 2*time.Second, "unmeasured load before each scenario")
	fs.StringVar(&o.Scope, "scope", "", "scope to ask for (code flows always ask for openid offline_access)")
	fs.StringVar(&o.LoginHint, "login-hint", "", "login_hint for the code flows (a --dev server logs dev:demo-erika in without a page)")
	fs.StringVar(&o.RedirectURI, "redirect-uri", "", "redirect URI registered for the client; the code scenarios need it and a server that logs in automatically")
	fs.StringVar(&o.MetricsURL, "metrics-url", "", "Prometheus endpoint for the server's memory (default /metrics at the issuer's host; none: off)")
	fs.DurationVar(&o.Timeout, "timeout", 10*time.Second, "timeout of one request")
	fs.BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(env.Stderr)
			fs.Usage()
			return o, false, err
		}
		return o, false, &config.Error{Setting: "flags", Msg: err.Error()}
	}
	if fs.NArg() > 0 {
		return o, false, &config.Error{Setting: "flags", Msg: fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	o.Scenarios = strings.Split(scenarios, ",")
	return o, asJSON, checkBench(o, isSet(fs))
}

func isSet(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// checkBench names the first flag that is wrong.
func checkBench(o bench.Options, set map[string]bool) error {
	bad := func(flag, msg string) error { return &config.Error{Setting: "--" + flag, Msg: msg} }
	switch {
	case !absoluteHTTP(o.Issuer):
		return bad("issuer", "want the http(s) URL of the server to load")
	case o.ClientID == "":
		return bad("client-id", "required")
	case o.ClientSecret == "":
		return bad("client-secret", "required (or set "+envBenchSecret+")")
	case o.Concurrency < 1 || o.Concurrency > 10000:
		return bad("concurrency", "want 1 to 10000")
	case o.Rate < 0:
		return bad("rate", "must not be negative")
	case o.Requests < 0:
		return bad("requests", "must not be negative")
	case set["requests"] && set["duration"]:
		return bad("requests", "give either --requests or --duration")
	case o.Requests == 0 && o.Duration <= 0:
		return bad("duration", "must be positive")
	case o.Warmup < 0:
		return bad("warmup", "must not be negative")
	case o.Timeout <= 0:
		return bad("timeout", "must be positive")
	case o.RedirectURI != "" && !absolute(o.RedirectURI):
		return bad("redirect-uri", "want an absolute URI")
	}
	for _, s := range o.Scenarios {
		if !slices.Contains(bench.Scenarios(), s) {
			return bad("scenario", fmt.Sprintf("unknown scenario %q; want some of %s", s, strings.Join(bench.Scenarios(), ",")))
		}
	}
	return nil
}

func absolute(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.IsAbs()
}

func absoluteHTTP(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
