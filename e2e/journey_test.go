package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/internal/app"
	"mvnk/store"
)

// journey is one person's way through the pages: a fresh development
// server on SQLite and a browser tab of its own. Journeys drive the real
// pages with clicks and typing, as a person would, and check each page
// they pass with axe-core where the test says so.
type journey struct {
	t   *testing.T
	ctx context.Context
	log *pageLog
	App *app.Main
	URL string // the server's base URL, without a trailing slash
}

// newJourney starts the server and opens a German tab. setup runs on the
// built app before the server starts (a test's clock, say).
func newJourney(t *testing.T, setup ...func(*app.Main)) *journey {
	t.Helper()
	sharedBrowser(t) // skip before starting the server
	srv := httptest.NewUnstartedServer(nil)
	m := openApp(t, "http://"+srv.Listener.Addr().String())
	for _, f := range setup {
		f(m)
	}
	srv.Config.Handler = m.Handler()
	srv.Start()
	t.Cleanup(srv.Close)
	ctx, log := openTab(t, "de")
	return &journey{t: t, ctx: ctx, log: log, App: m, URL: srv.URL}
}

// Run runs chromedp actions in the tab.
func (j *journey) Run(actions ...chromedp.Action[chromedp.Void]) {
	j.t.Helper()
	require.NoError(j.t, chromedp.Do(j.ctx, actions...))
}

// Open loads a path of the server (or an absolute URL) and returns the
// document's status.
func (j *journey) Open(path string) int64 {
	j.t.Helper()
	if strings.HasPrefix(path, "/") {
		path = j.URL + path
	}
	return load(j.t, j.ctx, path)
}

// Fill sets the value of the form field sel.
func (j *journey) Fill(sel, value string) {
	j.t.Helper()
	j.Run(chromedp.WaitVisible(chromedp.CSS(sel)), setField(sel, value))
}

// Click clicks sel and waits for the page it leads to; it returns that
// document's status.
func (j *journey) Click(sel string) int64 {
	j.t.Helper()
	resp, err := chromedp.RunResponse(j.ctx, chromedp.Click(chromedp.CSS(sel)))
	require.NoError(j.t, err, "click %s", sel)
	return resp.Status
}

// Path is the path of the page the tab shows.
func (j *journey) Path() string {
	j.t.Helper()
	p, err := chromedp.Run(j.ctx, chromedp.Evaluate[string](`location.pathname`))
	require.NoError(j.t, err)
	return p
}

// Text is the text content of sel.
func (j *journey) Text(sel string) string {
	j.t.Helper()
	s, err := chromedp.Run(j.ctx, chromedp.Text(chromedp.CSS(sel)))
	require.NoError(j.t, err, "text of %s", sel)
	return s
}

// RequireAccessible runs axe-core on the page shown and fails on any
// WCAG 2.1 A/AA violation; it also fails on CSP violations and console
// errors so far.
func (j *journey) RequireAccessible() {
	j.t.Helper()
	path := j.Path()
	csp, err := chromedp.Run(j.ctx, cspViolations())
	require.NoError(j.t, err)
	require.Empty(j.t, strings.Join(csp, "\n"), "CSP violations on %s", path)
	var errs []string
	for _, e := range j.log.snapshot() {
		if e.level == "error" && e.source != "network" {
			errs = append(errs, e.String())
		}
	}
	require.Empty(j.t, strings.Join(errs, "\n"), "console errors up to %s", path)
	requireAccessible(j.t, j.ctx, path)
}

// CreateAccount makes an active citizen account with a confirmed address.
func (j *journey) CreateAccount(username, email, password string) *account.Account {
	j.t.Helper()
	a := &account.Account{Kind: account.Citizen, Username: username, Email: email, EmailVerified: true}
	auth := account.NewAuthenticator(account.NewStore(j.App.DB), account.DefaultParams, account.DefaultThrottle)
	require.NoError(j.t, auth.Create(context.Background(), a, password))
	require.Equal(j.t, account.Active, a.State)
	return a
}

// LoginPassword fills in the login form the tab shows (or opens
// /anmelden) and submits it.
func (j *journey) LoginPassword(login, password string) {
	j.t.Helper()
	if j.Path() != "/anmelden" {
		j.Open("/anmelden")
	}
	j.Fill("#login", login)
	j.Fill("#password", password)
	j.Click(`form[action="/anmelden"] button[type=submit]`)
}

// LastMail delivers the queued mail and returns the newest one to the
// address from the development mailbox.
func (j *journey) LastMail(to string) (subject, body string) {
	j.t.Helper()
	ctx := context.Background()
	_, err := j.App.Jobs.RunDue(ctx)
	require.NoError(j.t, err)
	err = j.App.DB.QueryRowContext(ctx, `SELECT subject, text_body FROM mail_dev
		WHERE recipient = $1 ORDER BY received_at DESC, id LIMIT 1`, to).Scan(&subject, &body)
	require.NoError(j.t, store.Classify(err), "no mail to %s", to)
	return subject, body
}

var urlInText = regexp.MustCompile(`https?://[^\s<>"]+`)

// Link is the first URL in a mail body that starts with the server's
// URL and prefix.
func (j *journey) Link(body, prefix string) string {
	j.t.Helper()
	for _, u := range urlInText.FindAllString(body, -1) {
		if strings.HasPrefix(u, j.URL+prefix) {
			return u
		}
	}
	j.t.Fatalf("no link to %s%s in:\n%s", j.URL, prefix, body)
	return ""
}

// WaitFor waits until the JavaScript expression is true on the page (a
// page script at work); it gives up with the tab's timeout.
func (j *journey) WaitFor(expr string) {
	j.t.Helper()
	j.Run(chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(50*time.Millisecond)))
}

// Fatalf names the page in a failure.
func (j *journey) Fatalf(format string, args ...any) {
	j.t.Helper()
	j.t.Fatalf("%s: %s", j.Path(), fmt.Sprintf(format, args...))
}

// Fetch GETs path from the page with its cookies (a link the browser
// would download) and returns the body.
func (j *journey) Fetch(path string) string {
	j.t.Helper()
	p, _ := json.Marshal(path)
	body, err := chromedp.Run(j.ctx, chromedp.Evaluate[string](
		fmt.Sprintf(`fetch(%s, {credentials: "same-origin"}).then(r => r.text())`, p), chromedp.EvalAwaitPromise))
	require.NoError(j.t, err, "fetch %s", path)
	return body
}
