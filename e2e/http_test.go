package e2e

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPagesHTTP checks what a plain HTTP client sees of every page: the
// status, the security headers, the language and valid HTML. It needs no
// browser.
func TestPagesHTTP(t *testing.T) {
	srv := startServer(t)
	for _, p := range Pages() {
		t.Run(p.Name, func(t *testing.T) {
			t.Parallel()
			resp, body := newClient(t, srv, p.lang()).open(p)
			require.Equal(t, p.Status, resp.StatusCode)
			require.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
			requireSecurityHeaders(t, resp.Header, false)
			report := CheckHTML(body)
			require.Empty(t, problemList(report.Problems), "invalid HTML on %s", p.Path)
			require.Equal(t, p.lang(), report.Lang, "<html lang>")
			require.Contains(t, report.Title, p.Title, "<title>")
		})
	}
}

func problemList(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("\n  " + p.String())
	}
	return b.String()
}
