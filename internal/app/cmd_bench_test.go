package app_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/internal/app"
	"mvnk/internal/bench/benchtest"
)

func benchArgs(s *benchtest.Server, more ...string) []string {
	return append([]string{"bench", "--issuer", s.URL, "--client-id", benchtest.ClientID,
		"--redirect-uri", benchtest.RedirectURI, "--concurrency", "4", "--warmup", "0"}, more...)
}

// The secret comes from the environment; --json gives one result per scenario.
func TestBenchCommandJSON(t *testing.T) {
	s := benchtest.New(t, benchtest.Options{})
	e, out, stderr := env(map[string]string{"MVNK_BENCH_CLIENT_SECRET": benchtest.ClientSecret})
	code := app.Run(context.Background(), benchArgs(s, "--scenario", "client_credentials,refresh", "--requests", "40", "--json"), e)
	require.Equal(t, 0, code, stderr.String())
	var rep struct {
		Scenarios []struct {
			Scenario string `json:"scenario"`
			Requests int    `json:"requests"`
			Errors   int    `json:"errors"`
		} `json:"scenarios"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep), out.String())
	require.Len(t, rep.Scenarios, 2)
	for _, sc := range rep.Scenarios {
		require.Equal(t, 40, sc.Requests, sc.Scenario)
		require.Zero(t, sc.Errors, sc.Scenario)
	}
	require.EqualValues(t, 40, s.Count("client_credentials"))
	require.EqualValues(t, 40, s.Count("refresh_token"))
}

func TestBenchCommandTable(t *testing.T) {
	s := benchtest.New(t, benchtest.Options{})
	e, out, stderr := env(nil)
	code := app.Run(context.Background(), benchArgs(s, "--client-secret", benchtest.ClientSecret, "--requests", "20"), e)
	require.Equal(t, 0, code, stderr.String())
	for _, want := range []string{"SCENARIO", "client_credentials", "introspection", "refresh", "authorization_code", "n/a"} {
		require.Contains(t, out.String(), want)
	}
}

func TestBenchBadFlagsExitWithCode2AndOneLine(t *testing.T) {
	s := benchtest.New(t, benchtest.Options{})
	secret := []string{"--client-secret", "x"}
	cases := map[string]struct {
		args    []string
		setting string
	}{
		"no issuer":         {[]string{"bench", "--client-id", "c"}, "--issuer"},
		"relative issuer":   {[]string{"bench", "--issuer", "konto.example"}, "--issuer"},
		"no secret":         {benchArgs(s), "--client-secret"},
		"unknown flag":      {benchArgs(s, "--turbo"), "flags"},
		"stray argument":    {benchArgs(s, "now"), "flags"},
		"zero clients":      {benchArgs(s, append(secret, "--concurrency", "0")...), "--concurrency"},
		"both limits":       {benchArgs(s, append(secret, "--requests", "5", "--duration", "1s")...), "--requests"},
		"unknown scenario":  {benchArgs(s, append(secret, "--scenario", "client_credentials,password")...), "--scenario"},
		"unreachable":       {[]string{"bench", "--issuer", "http://127.0.0.1:1", "--client-id", "c", "--client-secret", "x"}, "--issuer"},
		"bad redirect uri":  {benchArgs(s, append(secret, "--redirect-uri", "/cb")...), "--redirect-uri"},
		"negative warm-up":  {benchArgs(s, append(secret, "--warmup", "-1s")...), "--warmup"},
		"malformed timeout": {benchArgs(s, append(secret, "--timeout", "soon")...), "flags"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e, out, stderr := env(nil)
			require.Equal(t, 2, app.Run(context.Background(), tc.args, e))
			require.Empty(t, out.String())
			line := strings.TrimSuffix(stderr.String(), "\n")
			require.NotContains(t, line, "\n")
			require.True(t, strings.HasPrefix(line, "mvnk: "+tc.setting+": "), "got %q", line)
		})
	}
}

func TestBenchHelpListsFlags(t *testing.T) {
	e, _, stderr := env(nil)
	app.Run(context.Background(), []string{"bench", "-h"}, e)
	require.Contains(t, stderr.String(), "-redirect-uri")
}
