package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	neturl "net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// openTab opens a tab in the shared browser that asks for pages in lang
// and records its console and CSP violations. Each tab has a browser
// context of its own, so tabs running in parallel never share cookies (a
// session cookie set by one would void another's form token). The tab
// closes when the test ends; its actions time out after a minute.
func openTab(t *testing.T, lang string) (context.Context, *pageLog) {
	t.Helper()
	l := &pageLog{}
	ctx, cancel := chromedp.NewContext(sharedBrowser(t), chromedp.WithNewBrowserContext(), chromedp.WithListener(l.listen))
	t.Cleanup(cancel)
	require.NoError(t, chromedp.Do(ctx), "open a tab") // no timeout: it binds the tab's life
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	t.Cleanup(cancelTimeout)
	require.NoError(t, chromedp.Do(ctx, acceptLanguage(lang), watchCSP()))
	return ctx, l
}

// acceptLanguage makes the tab send Accept-Language: lang, as headless
// Chromium would otherwise ask for English.
func acceptLanguage(lang string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.SetExtraHTTPHeaders,
			network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": lang}})
		return err
	})
}

// openPage loads url and, when form is set, fills in its form (the one
// whose action is the path of url) and presses its submit button. It
// returns the status of the page it ends on.
func openPage(t *testing.T, ctx context.Context, url string, form neturl.Values) int64 {
	t.Helper()
	status := load(t, ctx, url)
	if form == nil {
		return status
	}
	u, err := neturl.Parse(url)
	require.NoError(t, err)
	sel := fmt.Sprintf("form[method=post][action=%q]", u.Path)
	for name, values := range form {
		field := fmt.Sprintf("%s [name=%q]", sel, name)
		require.NoError(t, chromedp.Do(ctx, setField(field, strings.Join(values, ","))), "fill in %s", name)
	}
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel+" [type=submit]")))
	require.NoError(t, err, "submit the form on %s", url)
	return resp.Status
}

// setField sets the value of the form field sel. (chromedp.SetValue
// cannot set "", and Clear fails on an empty <textarea>.)
func setField(sel, value string) chromedp.Action[chromedp.Void] {
	s, _ := json.Marshal(sel)
	v, _ := json.Marshal(value)
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%s).value = %s`, s, v))
}

// load navigates the tab to url and returns the document's status.
func load(t *testing.T, ctx context.Context, url string) int64 {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(url))
	require.NoError(t, err, "load %s", url)
	return resp.Status
}
