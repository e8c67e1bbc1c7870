package config

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func load(t *testing.T, env map[string]string, args ...string) (*Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	f := RegisterFlags(fs)
	require.NoError(t, fs.Parse(args))
	return Load(f, func(k string) string { return env[k] })
}

func TestDefaultsInDevMode(t *testing.T) {
	c, err := load(t, nil, "--dev")
	require.NoError(t, err)
	require.Equal(t, "127.0.0.1:8080", c.Listen)
	require.Equal(t, "http://localhost:8080", c.Issuer())
	require.Equal(t, "sqlite:data/mvnk.db", c.DatabaseURL)
	require.Equal(t, "text", c.LogFormat)
	require.False(t, c.HTTPS())
}

// Flags beat the environment, which beats the file, which beats defaults.
func TestPrecedence(t *testing.T) {
	file := filepath.Join(t.TempDir(), "mvnk.yaml")
	require.NoError(t, os.WriteFile(file, []byte("listen: 127.0.0.1:7000\npublic_url: https://file.example\ndata_dir: /from/file\ndev: true\njob_poll: 5s\n"), 0o600))
	env := map[string]string{"MVNK_PUBLIC_URL": "https://env.example/", "MVNK_DATA_DIR": "/from/env"}
	c, err := load(t, env, "--config", file, "--data-dir", "/from/flag")
	require.NoError(t, err)
	require.Equal(t, "127.0.0.1:7000", c.Listen, "file beats default")
	require.Equal(t, "https://env.example", c.Issuer(), "env beats file; issuer has no trailing slash")
	require.Equal(t, "/from/flag", c.DataDir, "flag beats env")
	require.Equal(t, 5*time.Second, c.JobPoll)
	require.True(t, c.Dev)
	require.True(t, c.HTTPS())
	require.Equal(t, "json", load2(t).LogFormat)
}

func load2(t *testing.T) *Config {
	c, err := load(t, map[string]string{"MVNK_MASTER_KEY": "x"})
	require.NoError(t, err)
	return c
}

func TestBadSettingsNameTheSetting(t *testing.T) {
	cases := []struct {
		env     map[string]string
		args    []string
		setting string
	}{
		{map[string]string{"MVNK_LISTEN": "nope"}, []string{"--dev"}, "MVNK_LISTEN"},
		{map[string]string{"MVNK_LISTEN": "127.0.0.1:99999"}, []string{"--dev"}, "MVNK_LISTEN"},
		{map[string]string{"MVNK_PUBLIC_URL": "ftp://x"}, []string{"--dev"}, "MVNK_PUBLIC_URL"},
		{map[string]string{"MVNK_PUBLIC_URL": "http://konto.example"}, []string{"--dev"}, "MVNK_PUBLIC_URL"},
		{map[string]string{"MVNK_PUBLIC_URL": "https://konto.example/pfad"}, []string{"--dev"}, "MVNK_PUBLIC_URL"},
		{map[string]string{"MVNK_LOG_FORMAT": "xml"}, []string{"--dev"}, "MVNK_LOG_FORMAT"},
		{map[string]string{"MVNK_JOB_POLL": "-1s"}, []string{"--dev"}, "MVNK_JOB_POLL"},
		{map[string]string{"MVNK_DATABASE_URL": "nowhere"}, []string{"--dev"}, "MVNK_DATABASE_URL"},
		{nil, nil, "MVNK_MASTER_KEY"},
		{nil, []string{"--dev", "--listen", "x"}, "--listen"},
		{map[string]string{"MVNK_KEY_PREPUBLISH": "800h"}, []string{"--dev"}, "MVNK_KEY_PREPUBLISH"},
	}
	for _, tc := range cases {
		t.Run(tc.setting, func(t *testing.T) {
			_, err := load(t, tc.env, tc.args...)
			var cerr *Error
			require.ErrorAs(t, err, &cerr)
			require.Equal(t, tc.setting, cerr.Setting)
			require.NotContains(t, err.Error(), "\n", "one line")
		})
	}
}

func TestUnknownKeyInFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "mvnk.yaml")
	require.NoError(t, os.WriteFile(file, []byte("listn: 1\n"), 0o600))
	_, err := load(t, nil, "--dev", "--config", file)
	require.ErrorContains(t, err, `unknown setting "listn"`)
}

func TestTableListsEverySetting(t *testing.T) {
	var b strings.Builder
	WriteTable(&b)
	for _, s := range settings {
		require.Contains(t, b.String(), "`"+s.Env()+"`")
	}
}
