package e2e

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// browser is the one headless Chromium of the package; each page gets a
// tab of its own. It starts on first use and stops in TestMain.
var browser struct {
	once sync.Once
	ctx  context.Context
	stop func()
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if browser.stop != nil {
		browser.stop()
	}
	os.Exit(code)
}

func chromiumPath() string {
	if p := os.Getenv("MVNK_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// sharedBrowser returns the browser context, starting Chromium once. It
// skips the test when Chromium is missing, unless $CI is set: CI installs
// Chromium, so there a missing browser is a failure, not a skip.
func sharedBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("Chromium not found at %s, but $CI is set: CI must install it (apt-get install -y chromium) and run the browser checks", path)
		}
		t.Skipf("Chromium not found at %s: browser checks skipped (install with apt-get install -y chromium; CI installs it)", path)
	}
	browser.once.Do(func() { browser.ctx, browser.stop, browser.err = startBrowser(path) })
	require.NoError(t, browser.err, "starting %s", path)
	return browser.ctx
}

func startBrowser(path string) (context.Context, func(), error) {
	dir, err := os.MkdirTemp("", "mvnk-e2e-chromium-")
	if err != nil {
		return nil, nil, err
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1280, 1024),
	)
	ctx, cancel := chromedp.NewContext(allocCtx)
	stop := func() {
		cancel()
		cancelAlloc()
		_ = os.RemoveAll(dir)
	}
	if err := chromedp.Do(ctx); err != nil { // starts the browser, no timeout
		stop()
		return nil, nil, err
	}
	return ctx, stop, nil
}
