package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/internal/app"
	"mvnk/internal/testutil"
	"mvnk/store"
	"mvnk/store/storetest"
)

// node is one `mvnk serve` started through app.Run, as the binary runs it.
type node struct {
	url    string
	stop   context.CancelFunc
	done   chan int
	stderr *testutil.SyncBuffer
	once   sync.Once
}

func env(vars map[string]string) (app.Env, *testutil.SyncBuffer, *testutil.SyncBuffer) {
	var out, errOut testutil.SyncBuffer
	return app.Env{Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return vars[k] }}, &out, &errOut
}

func freePort(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

func startNode(t testing.TB, vars map[string]string, args ...string) *node {
	t.Helper()
	addr := freePort(t)
	vars["MVNK_LISTEN"] = addr
	vars["MVNK_PUBLIC_URL"] = "http://" + addr
	e, _, stderr := env(vars)
	ctx, cancel := context.WithCancel(context.Background())
	n := &node{url: "http://" + addr, stop: cancel, done: make(chan int, 1), stderr: stderr}
	go func() { n.done <- app.Run(ctx, append([]string{"serve"}, args...), e) }()
	require.Eventually(t, func() bool {
		resp, err := http.Get(n.url + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil
	}, 20*time.Second, 20*time.Millisecond, "node did not start: %s", stderr)
	t.Cleanup(n.shutdown)
	return n
}

// shutdown stops the node as SIGTERM would and waits for Run to return.
func (n *node) shutdown() {
	n.once.Do(func() {
		n.stop()
		<-n.done
	})
}

func get(t testing.TB, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(body)
}

// prodVars completes the settings of a production instance: without --dev
// a mail server is required (a local relay; nothing is sent in these tests).
func prodVars(vars map[string]string) map[string]string {
	vars["MVNK_SMTP_HOST"] = "localhost"
	vars["MVNK_SMTP_SECURITY"] = "none"
	return vars
}

func devVars(t testing.TB) map[string]string {
	return map[string]string{"MVNK_DEV": "true", "MVNK_DATA_DIR": t.TempDir()}
}

func TestServeDevAnswersHealthReadyMetricsJWKS(t *testing.T) {
	n := startNode(t, devVars(t))
	resp, _ := get(t, n.url+"/healthz")
	require.Equal(t, http.StatusOK, resp.StatusCode)

	resp, body := get(t, n.url+"/readyz")
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	require.Contains(t, body, `"database":"sqlite"`)

	resp, body = get(t, n.url+"/.well-known/jwks.json")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	algs := jwksAlgs(t, body)
	require.Contains(t, algs, "ES256")
	require.Contains(t, algs, "RS256")

	resp, body = get(t, n.url+"/metrics")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	for _, series := range []string{
		`mvnk_http_requests_total{code="200",method="GET",route="GET /healthz"}`,
		`mvnk_http_request_duration_seconds_bucket{method="GET",route="GET /readyz"`,
		"go_goroutines",
		`go_sql_max_open_connections{db_name="mvnk"}`,
	} {
		require.True(t, strings.Contains(body, series), "metrics lack %s", series)
	}
	require.Contains(t, n.stderr.String(), "ENTWICKLUNGSINSTANZ")
}

func jwksAlgs(t *testing.T, body string) []string {
	var set struct {
		Keys []struct {
			Kid string `json:"kid"`
			Alg string `json:"alg"`
		} `json:"keys"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &set))
	var algs []string
	for _, k := range set.Keys {
		algs = append(algs, k.Alg)
	}
	return algs
}

// A restart keeps the keys: the JWKS is the same before and after.
func TestRestartKeepsKeys(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	_, before := get(t, n.url+"/.well-known/jwks.json")
	n.shutdown()
	n = startNode(t, vars)
	_, after := get(t, n.url+"/.well-known/jwks.json")
	require.JSONEq(t, before, after)
	_, err := os.Stat(filepath.Join(vars["MVNK_DATA_DIR"], "master.key"))
	require.NoError(t, err)
}

func TestBadSettingsExitWithCode2AndOneLine(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	dir := t.TempDir()
	cases := map[string]struct {
		vars    map[string]string
		setting string
	}{
		"unknown driver":       {map[string]string{"MVNK_DEV": "true", "MVNK_DATA_DIR": dir, "MVNK_DATABASE_URL": "mysql://x/y"}, "MVNK_DATABASE_URL"},
		"unreachable database": {map[string]string{"MVNK_DEV": "true", "MVNK_DATA_DIR": dir, "MVNK_DATABASE_URL": "postgres://postgres@127.0.0.1:1/none?connect_timeout=2"}, "MVNK_DATABASE_URL"},
		"malformed master key": {map[string]string{"MVNK_DATA_DIR": dir, "MVNK_MASTER_KEY": "not-base64!"}, "MVNK_MASTER_KEY"},
		"short master key":     {map[string]string{"MVNK_DATA_DIR": dir, "MVNK_MASTER_KEY": "c2hvcnQ="}, "MVNK_MASTER_KEY"},
		"missing master key":   {map[string]string{"MVNK_DATA_DIR": dir}, "MVNK_MASTER_KEY"},
		"no mail server":       {map[string]string{"MVNK_DATA_DIR": t.TempDir(), "MVNK_MASTER_KEY": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}, "MVNK_SMTP_HOST"},
		"port in use":          {map[string]string{"MVNK_DEV": "true", "MVNK_DATA_DIR": dir, "MVNK_LISTEN": busy.Addr().String()}, "MVNK_LISTEN"},
		"bad listen":           {map[string]string{"MVNK_DEV": "true", "MVNK_LISTEN": "localhost"}, "MVNK_LISTEN"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e, _, stderr := env(tc.vars)
			code := app.Run(context.Background(), []string{"serve"}, e)
			require.Equal(t, 2, code, stderr.String())
			lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
			last := lines[len(lines)-1]
			require.True(t, strings.HasPrefix(last, "mvnk: "+tc.setting+": "), "got %q", last)
		})
	}
}

func TestUnknownCommandAndVersion(t *testing.T) {
	e, out, _ := env(nil)
	require.Equal(t, 2, app.Run(context.Background(), []string{"fly"}, e))
	require.Equal(t, 0, app.Run(context.Background(), []string{"version"}, e))
	require.Contains(t, out.String(), "mvnk ")
	require.Equal(t, 0, app.Run(context.Background(), []string{"help", "config"}, e))
	require.Contains(t, out.String(), "MVNK_MASTER_KEY")
}

func TestMigrateCommand(t *testing.T) {
	vars := devVars(t)
	e, out, _ := env(vars)
	require.Equal(t, 0, app.Run(context.Background(), []string{"migrate"}, e))
	require.Contains(t, out.String(), "up to date")
	out.Reset()
	require.Equal(t, 0, app.Run(context.Background(), []string{"migrate"}, e))
	require.Contains(t, out.String(), "0 migration(s) applied")
}

// The README's configuration table names every setting the code knows.
func TestReadmeListsEverySetting(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	e, out, _ := env(nil)
	require.Equal(t, 0, app.Run(context.Background(), []string{"help", "config"}, e))
	for _, line := range strings.Split(out.String(), "\n") {
		if name, _, ok := strings.Cut(strings.TrimPrefix(line, "| `"), "`"); ok && strings.HasPrefix(name, "MVNK_") {
			require.Contains(t, string(readme), "`"+name+"`")
		}
	}
}

// Two nodes on one PostgreSQL serve the same JWKS, and `mvnk keys rotate`
// run as a separate command shows on both.
func TestTwoNodesOnePostgres(t *testing.T) {
	dbURL := storetest.URL(t, store.Postgres)
	master := "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
	vars := func() map[string]string {
		return prodVars(map[string]string{"MVNK_DATABASE_URL": dbURL, "MVNK_MASTER_KEY": master, "MVNK_DATA_DIR": t.TempDir()})
	}
	a := startNode(t, vars())
	b := startNode(t, vars())
	_, jwksA := get(t, a.url+"/.well-known/jwks.json")
	_, jwksB := get(t, b.url+"/.well-known/jwks.json")
	require.JSONEq(t, jwksA, jwksB)
	before := len(jwksAlgs(t, jwksA))

	e, out, stderr := env(vars())
	require.Equal(t, 0, app.Run(context.Background(), []string{"keys", "rotate"}, e), stderr.String())
	require.Contains(t, out.String(), "pending")

	for _, n := range []*node{a, b} {
		require.Eventually(t, func() bool {
			_, body := get(t, n.url+"/.well-known/jwks.json")
			return len(jwksAlgs(t, body)) == before+2
		}, 30*time.Second, 200*time.Millisecond, "rotation not visible on %s", n.url)
	}
}
