package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/internal/bench"
	"mvnk/internal/bench/benchtest"
)

// A server that cannot hand out codes without a person makes the code
// scenarios unavailable; the others still run.
func TestBenchUnavailableScenarios(t *testing.T) {
	s := benchtest.New(t, benchtest.Options{LoginPage: true})
	o := options(s, bench.ClientCredentials, bench.Refresh, bench.AuthorizationCode)
	rep := run(t, o)
	require.Equal(t, 200, rep.Scenarios[0].Requests)
	for _, res := range rep.Scenarios[1:] {
		require.Contains(t, res.Unavailable, "/login with HTTP 200, not at the redirect_uri")
		require.Zero(t, res.Requests)
	}
	o.RedirectURI = ""
	rep = run(t, o)
	require.Contains(t, rep.Scenarios[1].Unavailable, "--redirect-uri")

	var out bytes.Buffer
	require.NoError(t, rep.WriteTable(&out))
	require.Contains(t, out.String(), "refresh             unavailable: needs --redirect-uri")
}

// With a duration the phase lasts at least that long; warm-up requests
// reach the server but are not counted.
func TestBenchDurationAndWarmup(t *testing.T) {
	s := benchtest.New(t, benchtest.Options{})
	o := options(s, bench.ClientCredentials)
	o.Requests, o.Duration, o.Warmup = 0, 300*time.Millisecond, 100*time.Millisecond
	res := run(t, o).Scenarios[0]
	require.GreaterOrEqual(t, res.Elapsed, 300*time.Millisecond)
	require.Positive(t, res.Requests)
	require.Greater(t, s.Count("client_credentials"), int64(res.Requests))
	require.InDelta(t, float64(res.Requests)/res.Elapsed.Seconds(), res.RPS, 0.001)
}

// Ctrl-C ends the run early and keeps what was measured.
func TestBenchInterruptKeepsMeasurements(t *testing.T) {
	s := benchtest.New(t, benchtest.Options{})
	o := options(s, bench.ClientCredentials, bench.Introspection)
	o.Requests, o.Duration = 0, time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for s.Count("client_credentials") < 50 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	rep, err := bench.Run(ctx, o)
	require.NoError(t, err)
	require.True(t, rep.Interrupted)
	require.Len(t, rep.Scenarios, 1, "introspection never started")
	served := int(s.Count("client_credentials"))
	require.GreaterOrEqual(t, rep.Scenarios[0].Requests, 50-o.Concurrency, "at most one request per worker was cut off")
	require.LessOrEqual(t, rep.Scenarios[0].Requests, served)
	require.Zero(t, rep.Scenarios[0].Errors, "requests cut off by Ctrl-C are not errors")
}

func TestBenchPeakMemoryAndJSON(t *testing.T) {
	s := benchtest.New(t, benchtest.Options{RSS: 1.2345678e+08})
	rep := run(t, options(s, bench.ClientCredentials))
	require.EqualValues(t, 123456780, rep.PeakRSS())

	var out bytes.Buffer
	require.NoError(t, json.NewEncoder(&out).Encode(rep))
	var got struct {
		PeakRSS   int64 `json:"server_peak_rss_bytes"`
		Scenarios []struct {
			Requests int     `json:"requests"`
			P99      float64 `json:"p99_ms"`
		} `json:"scenarios"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &got))
	require.EqualValues(t, 123456780, got.PeakRSS)
	require.Equal(t, 200, got.Scenarios[0].Requests)
	require.Positive(t, got.Scenarios[0].P99)

	s = benchtest.New(t, benchtest.Options{}) // no /metrics
	out.Reset()
	require.NoError(t, run(t, options(s, bench.ClientCredentials)).WriteTable(&out))
	require.Contains(t, out.String(), "server peak memory (process_resident_memory_bytes): n/a")
}

func TestBenchDiscoveryFailure(t *testing.T) {
	_, err := bench.Run(context.Background(), bench.Options{Issuer: "http://127.0.0.1:1", Concurrency: 1, Timeout: time.Second})
	require.ErrorContains(t, err, "discovery")
}
