package e2e

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// brokenPage breaks each rule the browser checks enforce, under a CSP as
// strict as the portal's.
const brokenPage = `<!DOCTYPE html>
<html lang="de"><head><title>Kaputt</title><style>p { color: red }</style></head>
<body><main><h1>Kaputt</h1><img src="/fehlt.png">
<script>document.title = 'inline'</script><script src="/kaputt.js"></script></main></body></html>`

const brokenScript = `console.error('kaputt'); throw new Error('auch kaputt');`

func brokenSite() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write([]byte(brokenPage))
		case "/kaputt.js":
			w.Header().Set("Content-Type", "text/javascript")
			_, _ = w.Write([]byte(brokenScript))
		default:
			http.NotFound(w, r)
		}
	}))
}

// The checks must catch what they claim to: axe-core runs despite the
// page's CSP and reports a missing alt text, the CSP watcher sees the
// blocked inline script and style, and the log has the console error,
// the exception and the failed image.
func TestBrowserChecksCatchProblems(t *testing.T) {
	ctx, log := openTab(t, "de")
	srv := brokenSite()
	t.Cleanup(srv.Close)
	require.EqualValues(t, http.StatusOK, load(t, ctx, srv.URL+"/"))

	csp, err := chromedp.Run(ctx, cspViolations())
	require.NoError(t, err)
	joined := strings.Join(csp, "\n")
	require.Contains(t, joined, "script-src-elem blocked inline")
	require.Contains(t, joined, "style-src-elem blocked inline")

	var logged []string
	for _, e := range log.snapshot() {
		if e.level == "error" {
			logged = append(logged, e.String())
		}
	}
	all := strings.Join(logged, "\n")
	require.Contains(t, all, "console.error error: kaputt")
	require.Contains(t, all, "auch kaputt")
	require.Contains(t, all, "/fehlt.png")
	require.Contains(t, all, "security error: Executing inline script violates the following Content Security Policy")

	res, err := runAxe(ctx)
	require.NoError(t, err, "axe-core must run under a strict CSP")
	require.Contains(t, formatRules(res.Violations), "image-alt")
}
