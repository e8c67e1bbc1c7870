package portal_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/portal"
	"mvnk/store"
	"mvnk/store/storetest"
)

var cssRE = regexp.MustCompile(`href="(/assets/[0-9a-f]+/)kern/kern\.min\.css"`)

func TestAssetsAreVersionedAndCached(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite, portal.Migrations), portal.Config{})
	_, page := e.get("/", nil)
	m := cssRE.FindStringSubmatch(page)
	require.NotNil(t, m)
	prefix := m[1]

	resp, css := e.get(prefix+"kern/kern.min.css", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "text/css; charset=utf-8", resp.Header.Get("Content-Type"))
	require.Equal(t, "public, max-age=31536000, immutable", resp.Header.Get("Cache-Control"))
	require.Contains(t, css, ".kern-btn")
	requireSecurityHeaders(t, resp)

	// The fonts sit below the same version, as fira-sans.css refers to them.
	_, fonts := e.get(prefix+"kern/fonts/fira-sans.css", nil)
	require.Contains(t, fonts, `url("./fira-sans/FiraSans-Regular.woff2")`)
	resp, _ = e.get(prefix+"kern/fonts/fira-sans/FiraSans-Regular.woff2", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "font/woff2", resp.Header.Get("Content-Type"))

	resp, _ = e.get("/assets/0123456789ab/portal.css", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode, "an old version still loads")
	require.Equal(t, "no-cache", resp.Header.Get("Cache-Control"))

	for _, path := range []string{prefix + "refresh.sh", prefix + "README.md", prefix + "kern", prefix + "nope.css"} {
		resp, _ = e.get(path, nil)
		require.Equal(t, http.StatusNotFound, resp.StatusCode, path)
	}
	resp, _ = e.get(prefix+"../portal.go", nil)
	require.NotEqual(t, http.StatusOK, resp.StatusCode, "the mux cleans the path first")
}

func TestAssetsGzip(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite, portal.Migrations), portal.Config{})
	_, page := e.get("/", nil)
	prefix := cssRE.FindStringSubmatch(page)[1]
	tr := &http.Transport{DisableCompression: true}
	req, err := http.NewRequest(http.MethodGet, e.srv.URL+prefix+"kern/kern.min.css", nil)
	require.NoError(t, err)
	req.Header.Set("Accept-Encoding", "br, gzip")
	resp, err := tr.RoundTrip(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	require.Equal(t, "text/css; charset=utf-8", resp.Header.Get("Content-Type"))
	zr, err := gzip.NewReader(resp.Body)
	require.NoError(t, err)
	css, err := io.ReadAll(zr)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(css), "@charset"))
}
