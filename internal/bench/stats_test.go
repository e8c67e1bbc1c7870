package bench

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestBenchPercentileNearestRank(t *testing.T) {
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	cases := []struct {
		name    string
		samples []time.Duration
		p       int
		want    time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one", []time.Duration{7}, 99, 7},
		{"p50 of 1..100", hundred, 50, 50 * time.Millisecond},
		{"p90 of 1..100", hundred, 90, 90 * time.Millisecond},
		{"p99 of 1..100", hundred, 99, 99 * time.Millisecond},
		{"max of 1..100", hundred, 100, 100 * time.Millisecond},
		{"p50 of 4 rounds up", []time.Duration{1, 2, 3, 4}, 50, 2},
		{"p99 of 10 is the top", []time.Duration{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 99, 10},
		{"p90 of 10", []time.Duration{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90, 9},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, percentile(tc.samples, tc.p))
		})
	}
}

// Recorders of several workers merge into one sorted set of samples.
func TestBenchSummarizeMergesWorkers(t *testing.T) {
	ctx := context.Background()
	a, b := newRecorder(), newRecorder()
	for i := 1; i <= 50; i++ {
		a.add(ctx, time.Duration(2*i)*time.Millisecond, nil)   // even
		b.add(ctx, time.Duration(2*i-1)*time.Millisecond, nil) // odd
	}
	b.add(ctx, time.Second, errors.New("HTTP 500 server_error"))
	a.unsent(ctx, errors.New("authorize:\n  refused"))
	res := summarize("x", []*recorder{a, b}, 2*time.Second)
	require.Equal(t, 102, res.Requests)
	require.Equal(t, 2, res.Errors)
	require.Equal(t, 51.0, res.RPS)
	require.Equal(t, 51*time.Millisecond, res.P50)
	require.Equal(t, 91*time.Millisecond, res.P90) // rank ⌈0.9·101⌉ = 91
	require.Equal(t, time.Second, res.Max)
	require.Equal(t, []ErrorCount{{"HTTP 500 server_error", 1}, {"authorize: refused", 1}}, res.ErrorSamples)
}

// A request cut off by Ctrl-C is neither a sample nor an error.
func TestBenchRecorderDropsInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := newRecorder()
	r.add(ctx, time.Millisecond, context.Canceled)
	r.unsent(ctx, context.Canceled)
	r.add(ctx, time.Millisecond, nil) // it did finish
	require.Len(t, r.samples, 1)
	require.Zero(t, r.errors)
}

func TestBenchRecorderBoundsMessages(t *testing.T) {
	r := newRecorder()
	for i := range 100 {
		r.fail(errors.New(strings.Repeat("x", i)))
	}
	require.Len(t, r.messages, maxMessages)
	require.Equal(t, 100, r.errors)
}

func TestBenchParseRSS(t *testing.T) {
	text := "# HELP process_resident_memory_bytes Resident memory size in bytes.\n" +
		"process_resident_memory_bytes_total 1\n" +
		"process_resident_memory_bytes{pod=\"a b\"} 9.5e+07 1700000000\n"
	v, err := parseRSS(strings.NewReader(text))
	require.NoError(t, err)
	require.EqualValues(t, 95_000_000, v)
	_, err = parseRSS(strings.NewReader("go_goroutines 7\n"))
	require.Error(t, err)
}

func TestBenchMetadataURLs(t *testing.T) {
	require.Equal(t, []string{
		"https://konto.example/realm/.well-known/openid-configuration",
		"https://konto.example/.well-known/oauth-authorization-server/realm",
	}, metadataURLs("https://konto.example/realm/"))
}
