package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// TestPagesInBrowser opens every page in headless Chromium: it must load
// with the expected status, title and language, log no error, break no
// CSP rule and have no axe-core WCAG 2.1 A/AA violation.
func TestPagesInBrowser(t *testing.T) {
	sharedBrowser(t) // skip before starting the server
	srv := startServer(t)
	for _, p := range Pages() {
		t.Run(p.Name, func(t *testing.T) {
			t.Parallel()
			ctx, log := openTab(t, p.lang())
			url := srv.URL + p.path(srv.URL)
			require.EqualValues(t, p.Status, openPage(t, ctx, url, p.Form), "status of %s", p.Path)
			requireDocument(t, ctx, p)
			requireQuietLoad(t, ctx, log, p, url)
			saveScreenshot(t, ctx, p.Name)
			requireAccessible(t, ctx, p.Path)
		})
	}
}

func requireDocument(t *testing.T, ctx context.Context, p Page) {
	t.Helper()
	title, err := chromedp.Run(ctx, chromedp.Title())
	require.NoError(t, err)
	require.Contains(t, title, p.Title, "<title>")
	lang, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	require.NoError(t, err)
	require.Equal(t, p.lang(), lang, "<html lang>")
}

// requireQuietLoad fails on CSP violations and on errors in the console
// or the browser log while the page loaded. Run it before axe, which
// is not the page's doing. The 404 page's own status is no error.
func requireQuietLoad(t *testing.T, ctx context.Context, log *pageLog, p Page, url string) {
	t.Helper()
	csp, err := chromedp.Run(ctx, cspViolations())
	require.NoError(t, err)
	require.Empty(t, strings.Join(csp, "\n"), "CSP violations on %s", p.Path)
	var errs []string
	for _, e := range log.snapshot() {
		switch {
		case p.Status >= 400 && e.source == "network" && e.url == url:
		case e.level == "error":
			errs = append(errs, e.String())
		case e.level == "warning":
			t.Logf("browser warning on %s: %s", p.Path, e)
		}
	}
	require.Empty(t, strings.Join(errs, "\n"), "console or browser-log errors on %s", p.Path)
}

// requireAccessible runs axe-core; incomplete results (axe could not
// decide, e.g. contrast over a background image) are logged for a human.
func requireAccessible(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	res, err := runAxe(ctx)
	require.NoError(t, err)
	if len(res.Incomplete) > 0 {
		t.Logf("axe-core: to check by hand on %s:%s", path, formatRules(res.Incomplete))
	}
	require.Empty(t, formatRules(res.Violations), "%s", axeFailure(path, len(res.Violations)))
}

func axeFailure(path string, n int) string {
	return fmt.Sprintf("axe-core %s found %d WCAG 2.1 A/AA violation(s) on %s", strings.TrimSpace(axeVersion), n, path)
}
