package bench_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/internal/bench"
	"mvnk/internal/bench/benchtest"
)

func options(s *benchtest.Server, scenarios ...string) bench.Options {
	return bench.Options{
		Issuer: s.URL, ClientID: benchtest.ClientID, ClientSecret: benchtest.ClientSecret,
		Scenarios: scenarios, Concurrency: 8, Requests: 200,
		RedirectURI: benchtest.RedirectURI, Timeout: 5 * time.Second,
	}
}

func run(t *testing.T, o bench.Options) *bench.Report {
	t.Helper()
	rep, err := bench.Run(context.Background(), o)
	require.NoError(t, err)
	require.Len(t, rep.Scenarios, len(o.Scenarios))
	return rep
}

// --requests N runs exactly N measured requests, all of which reach the server.
func TestBenchClientCredentialsRunsExactlyN(t *testing.T) {
	s := benchtest.New(t, benchtest.Options{})
	res := run(t, options(s, bench.ClientCredentials)).Scenarios[0]
	require.Empty(t, res.Unavailable)
	require.Equal(t, 200, res.Requests)
	require.Zero(t, res.Errors)
	require.EqualValues(t, 200, s.Count("client_credentials"))
	require.Positive(t, res.RPS)
	require.Positive(t, res.P50)
	require.LessOrEqual(t, res.P50, res.P90)
	require.LessOrEqual(t, res.P90, res.P99)
	require.LessOrEqual(t, res.P99, res.Max)
}

func TestBenchCountsErrors(t *testing.T) {
	s := benchtest.New(t, benchtest.Options{FailEvery: 10})
	res := run(t, options(s, bench.ClientCredentials)).Scenarios[0]
	require.Equal(t, 200, res.Requests)
	require.Equal(t, 20, res.Errors)
	require.Len(t, res.ErrorSamples, 1)
	require.Equal(t, 20, res.ErrorSamples[0].Count)
	require.Contains(t, res.ErrorSamples[0].Message, "HTTP 500 server_error")
}

// Each worker keeps its own chain and always uses the newest refresh token:
// the server rejects a reused one, so a single reuse would be an error.
func TestBenchRefreshChainsRotate(t *testing.T) {
	s := benchtest.New(t, benchtest.Options{})
	res := run(t, options(s, bench.Refresh)).Scenarios[0]
	require.Empty(t, res.Unavailable)
	require.Equal(t, 200, res.Requests)
	require.Zero(t, res.Errors, "%v", res.ErrorSamples)
	require.Zero(t, s.Count("reuse"))
	require.EqualValues(t, 200, s.Count("refresh_token"))
	require.EqualValues(t, 8, s.Count("authorization_code"), "one chain per worker, never restarted")
	require.EqualValues(t, 8, s.Count("login"), "one login per worker, then its cookie")
}

// The server checks PKCE and redeems each code once, so a wrong verifier
// or a reused code would show as errors.
func TestBenchAuthorizationCodeExchange(t *testing.T) {
	s := benchtest.New(t, benchtest.Options{})
	res := run(t, options(s, bench.AuthorizationCode)).Scenarios[0]
	require.Empty(t, res.Unavailable)
	require.Equal(t, 200, res.Requests)
	require.Zero(t, res.Errors, "%v", res.ErrorSamples)
	require.EqualValues(t, 200, s.Count("authorization_code"))
	require.NotEmpty(t, res.Note)
}

func TestBenchIntrospection(t *testing.T) {
	for name, inactive := range map[string]bool{"active": false, "inactive counts as error": true} {
		t.Run(name, func(t *testing.T) {
			s := benchtest.New(t, benchtest.Options{Inactive: inactive})
			res := run(t, options(s, bench.Introspection)).Scenarios[0]
			require.Equal(t, 200, res.Requests)
			require.EqualValues(t, 200, s.Count("introspect"))
			require.EqualValues(t, 1, s.Count("client_credentials"), "one token, introspected again and again")
			if inactive {
				require.Equal(t, 200, res.Errors)
				require.Contains(t, res.ErrorSamples[0].Message, "active:false")
			} else {
				require.Zero(t, res.Errors)
			}
		})
	}
}

// With --rate the requests go out on a fixed schedule: 40 requests at
// 200/s cannot be done before the last one's slot at 195 ms, however fast
// the server is, and the rate reported is at most the one asked for.
func TestBenchRateSchedulesRequests(t *testing.T) {
	s := benchtest.New(t, benchtest.Options{})
	o := options(s, bench.ClientCredentials)
	o.Requests, o.Rate = 40, 200
	res := run(t, o).Scenarios[0]
	require.Equal(t, 40, res.Requests)
	require.Zero(t, res.Errors)
	require.LessOrEqual(t, res.RPS, 40/0.195)
}
