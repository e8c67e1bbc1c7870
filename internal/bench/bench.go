// Package bench is a load generator for any OpenID Connect provider: it
// finds the endpoints through discovery and measures client_credentials,
// introspection, refresh and the authorization-code exchange with many
// concurrent clients. `mvnk bench` is its command line.
package bench

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The scenarios, in the order a run takes them.
const (
	ClientCredentials = "client_credentials"
	Introspection     = "introspection"
	Refresh           = "refresh"
	AuthorizationCode = "authorization_code"
)

// Scenarios lists every scenario in run order.
func Scenarios() []string {
	return []string{ClientCredentials, Introspection, Refresh, AuthorizationCode}
}

// Options configure one run. The command line validates them.
type Options struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	Scenarios    []string
	Concurrency  int           // simulated clients, each one goroutine
	Rate         float64       // requests/s in all, spread over the clients; 0: each sends as fast as it can
	Duration     time.Duration // measured time per scenario, unless Requests > 0
	Requests     int           // exact number of measured requests per scenario
	Warmup       time.Duration // unmeasured load before each scenario
	Scope        string        // added to every token and authorization request
	LoginHint    string        // login_hint of the code flows, e.g. "dev:demo-erika" for a --dev server
	RedirectURI  string        // registered for the client; needed by the code scenarios
	MetricsURL   string        // Prometheus endpoint; "" derives it from the issuer, "none" turns it off
	Timeout      time.Duration // per request
}

// bench is one run: the options, the server's endpoints and the HTTP
// clients shared by all workers.
type bench struct {
	opts    Options
	ep      endpoints
	client  *http.Client // token and introspection requests
	auth    []string     // the Authorization header value, computed once
	metrics *http.Client // kept apart so scraping never takes a load connection
}

// Run discovers the server's endpoints and runs the scenarios one after
// the other. When ctx is cancelled (Ctrl-C) it stops and returns what was
// measured so far, with Interrupted set. An error means nothing could run.
func Run(ctx context.Context, o Options) (*Report, error) {
	o.Concurrency = max(o.Concurrency, 1)
	if o.Requests <= 0 && o.Duration <= 0 {
		o.Duration = 10 * time.Second
	}
	tr := newTransport(o.Concurrency)
	defer tr.CloseIdleConnections()
	b := &bench{
		opts:    o,
		client:  &http.Client{Transport: tr, Timeout: o.Timeout},
		auth:    []string{basicAuth(o.ClientID, o.ClientSecret)},
		metrics: &http.Client{Timeout: 2 * time.Second},
	}
	ep, err := discover(ctx, b.client, o.Issuer)
	if err != nil {
		return nil, err
	}
	b.ep = ep
	rep := &Report{Issuer: o.Issuer, Concurrency: o.Concurrency, Duration: o.Duration, Requests: o.Requests, Warmup: o.Warmup, Rate: o.Rate}
	if strings.TrimSuffix(ep.Issuer, "/") != strings.TrimSuffix(o.Issuer, "/") {
		rep.Notes = append(rep.Notes, "the server names its issuer "+ep.Issuer)
	}
	for _, name := range o.Scenarios {
		if ctx.Err() != nil {
			break
		}
		rep.Scenarios = append(rep.Scenarios, b.run(ctx, name))
	}
	rep.Interrupted = ctx.Err() != nil
	return rep, nil
}

// metricsURL is where the server's Prometheus metrics are expected: /metrics
// at the issuer's host, unless the options say otherwise.
func (b *bench) metricsURL() string {
	switch b.opts.MetricsURL {
	case "none":
		return ""
	case "":
		u, err := url.Parse(b.opts.Issuer)
		if err != nil {
			return ""
		}
		return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/metrics"}).String()
	}
	return b.opts.MetricsURL
}
