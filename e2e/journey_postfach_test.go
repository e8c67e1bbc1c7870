package e2e

import (
	"bytes"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2/clientcredentials"

	"mvnk/idp"
	"mvnk/internal/app"
	"mvnk/postfach"
)

// testClock is the Postfach's clock in a journey: set before the server
// starts, moved by the test while it runs.
type testClock struct{ micros atomic.Int64 }

func (c *testClock) Now() time.Time      { return time.UnixMicro(c.micros.Load()) }
func (c *testClock) Set(t time.Time)     { c.micros.Store(t.UnixMicro()) }
func (c *testClock) Add(d time.Duration) { c.micros.Add(d.Microseconds()) }
func withPostfachClock(c *testClock) func(*app.Main) {
	return func(m *app.Main) { m.Postfach.Now = c.Now }
}

// fachverfahren is an external Fachverfahren: a client-credentials client
// of the journey's provider (x/oauth2) sending as owner.
func (j *journey) Fachverfahren(owner string) *http.Client {
	j.t.Helper()
	scopes := []string{"postfach.send", "postfach.status"}
	c, secret, err := idp.RegisterClient(context.Background(), idp.NewClientStore(j.App.DB), idp.ClientPatch{
		Name: ptr("Wohngeldverfahren"), Owner: &owner, GrantTypes: &[]string{"client_credentials"}, Scopes: &scopes})
	require.NoError(j.t, err)
	cc := clientcredentials.Config{ClientID: c.ID, ClientSecret: secret, TokenURL: j.URL + "/oauth2/token", Scopes: scopes}
	return cc.Client(context.Background())
}

// api sends a JSON request of the Fachverfahren and decodes the answer.
func (j *journey) api(c *http.Client, method, path string, body any, want int) map[string]any {
	j.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(j.t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, j.URL+path, rd)
	require.NoError(j.t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	require.NoError(j.t, err)
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	require.Equal(j.t, want, resp.StatusCode, string(raw))
	out := map[string]any{}
	require.NoError(j.t, json.Unmarshal(raw, &out), string(raw))
	return out
}

// hookSink records the webhooks a Fachverfahren receives.
type hookSink struct {
	srv *httptest.Server
	got chan delivery
}

type delivery struct {
	header http.Header
	body   []byte
}

func newHookSink(t *testing.T) *hookSink {
	h := &hookSink{got: make(chan delivery, 16)}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h.got <- delivery{header: r.Header.Clone(), body: body}
	}))
	t.Cleanup(h.srv.Close)
	return h
}

// next runs the due jobs and returns the next webhook, checked against
// the secret as a Fachverfahren checks it.
func (h *hookSink) next(j *journey, secret string) map[string]any {
	j.t.Helper()
	_, err := j.App.Jobs.RunDue(context.Background())
	require.NoError(j.t, err)
	select {
	case d := <-h.got:
		require.NoError(j.t, postfach.Verify([]byte(secret), d.header.Get(postfach.HeaderCallbackTimestamp),
			d.header.Get(postfach.HeaderCallbackAuthentication), d.body, time.Now()), "signature")
		out := map[string]any{}
		require.NoError(j.t, json.Unmarshal(d.body, &out))
		return out
	case <-time.After(10 * time.Second):
		j.t.Fatal("no webhook arrived")
		return nil
	}
}

// Eval evaluates a JavaScript expression on the page.
func (j *journey) Eval(expr string) string {
	j.t.Helper()
	s, err := chromedp.Run(j.ctx, chromedp.Evaluate[string](expr))
	require.NoError(j.t, err, expr)
	return s
}

// A Fachverfahren sends a Bescheid at level hoch with a PDF; the citizen,
// logged in with a password, sees only sender, kind and date, steps up
// through the eID simulator and reads it; the Fachverfahren gets the
// signed webhooks, and the Bekanntgabe follows OZG § 9 on the clock.
func TestJourneyPostfachBescheidStepUp(t *testing.T) {
	clk := &testClock{}
	provided := time.Date(2026, 11, 23, 9, 30, 0, 0, postfach.Berlin()) // a Monday
	clk.Set(provided)
	j := eidJourney(t, withPostfachClock(clk))
	acct := j.CreateAccount("erika", "erika@example.de", journeyPassword)
	fv := j.Fachverfahren("Landkreis Vorpommern-Greifswald")
	sink := newHookSink(t)
	hook := j.api(fv, http.MethodPut, "/api/postfach/v1/webhook", map[string]any{"url": sink.srv.URL + "/rueckmeldung",
		"events": []string{"message.retrieved", "message.bekanntgegeben"}}, http.StatusOK)
	secret := hook["secret"].(string)

	pdf := []byte("%PDF-1.7\n% Wohngeldbescheid WG-2026-4711\n%%EOF\n")
	sum := sha512.Sum512(pdf)
	sent := j.api(fv, http.MethodPost, "/api/postfach/v1/messages", map[string]any{
		"recipient": acct.PostfachHandle, "kind": "Bescheid", "subject": "Ihr Wohngeldbescheid",
		"body": "Sehr geehrte Frau Mustermann,\n\nanbei Ihr Bescheid über Wohngeld.", "sender": "Landkreis Vorpommern-Greifswald",
		"service": "Wohngeld", "leika_id": "urn:de:fim:leika:leistung:99107004000000", "reference": "WG-2026-4711",
		"application_id": "vorgang-4711", "required_level": 4, "bekanntgabe_rule": "ozg9",
		"attachments": []map[string]string{{"filename": "bescheid.pdf", "media_type": "application/pdf",
			"content": base64.StdEncoding.EncodeToString(pdf), "sha512": hex.EncodeToString(sum[:])}}}, http.StatusCreated)
	id := sent["id"].(string)

	subject, notice := j.LastMail("erika@example.de")
	require.Contains(t, subject, "Postfach")
	require.Contains(t, notice, j.URL+"/konto/postfach")
	require.NotContains(t, notice, "Wohngeldbescheid", "the notice carries no content")

	j.LoginPassword("erika", journeyPassword)
	j.Open("/konto")
	require.Contains(t, j.Text("main"), "1 ungelesene Nachricht")
	j.Click("#konto-postfach")
	require.Equal(t, "/konto/postfach", j.Path())
	j.RequireAccessible()
	saveScreenshot(t, j.ctx, "postfach-eingang")
	require.Contains(t, j.Text("main"), "Landkreis Vorpommern-Greifswald")
	require.NotContains(t, j.Text("main"), "Ihr Wohngeldbescheid", "the subject needs level hoch")

	j.Open("/konto/postfach/" + id)
	j.RequireAccessible()
	saveScreenshot(t, j.ctx, "postfach-gesperrt")
	require.Contains(t, j.Text("main"), "Bescheid")
	require.NotContains(t, j.Text("main"), "anbei Ihr Bescheid")
	require.NotContains(t, j.Eval(`document.documentElement.outerHTML`), "bescheid.pdf")
	j.Run(chromedp.Click(chromedp.CSS(`a[href^="/anmelden/eid"]`)))
	j.eidSimulate("erika", false)
	j.WaitFor(fmt.Sprintf(`location.pathname === "/konto/postfach/%s"`, id))
	require.Contains(t, j.Text("main"), "anbei Ihr Bescheid über Wohngeld.")
	require.Contains(t, j.Text("main"), "Ihr Wohngeldbescheid")
	j.RequireAccessible()
	saveScreenshot(t, j.ctx, "postfach-bescheid")
	href := j.Eval(`document.querySelector('a[href*="/anhang/"]').getAttribute("href")`)
	require.Equal(t, string(pdf), j.Fetch(href))

	retrieved := sink.next(j, secret)
	require.Equal(t, "message.retrieved", retrieved["type"])
	require.Equal(t, id, retrieved["message_id"])
	status := j.api(fv, http.MethodGet, "/api/postfach/v1/messages/"+id, nil, http.StatusOK)
	require.NotEmpty(t, status["first_retrieved_at"])
	require.EqualValues(t, 4, status["retrieved_level"])
	require.Nil(t, status["deemed_notified_at"], "OZG § 9: not before the third day")

	clk.Add(3 * 24 * time.Hour)
	_, err := j.App.PostfachSweep.Sweep(context.Background(), clk.Now())
	require.NoError(t, err)
	status = j.api(fv, http.MethodGet, "/api/postfach/v1/messages/"+id, nil, http.StatusOK)
	deemed, err := time.Parse(time.RFC3339, status["deemed_notified_at"].(string))
	require.NoError(t, err)
	require.True(t, deemed.Equal(time.Date(2026, 11, 26, 0, 0, 0, 0, postfach.Berlin())), "third day after provision: %s", deemed)
	require.Equal(t, "message.bekanntgegeben", sink.next(j, secret)["type"])
	require.True(t, strings.HasPrefix(status["state"].(string), "bekanntgegeben"), status["state"])

	// "Abmelden" ends the session: the page says so, the navigation offers
	// the login again, and the Postfach asks for it.
	require.NotContains(t, j.Text("nav"), "Anmelden")
	j.Click("#abmelden")
	require.Contains(t, j.Text("h1"), "Sie sind abgemeldet")
	j.RequireAccessible()
	require.Contains(t, j.Text("nav"), "Anmelden")
	j.Open("/konto/postfach")
	require.Equal(t, "/anmelden", j.Path())
}
