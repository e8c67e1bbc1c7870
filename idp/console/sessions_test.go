package console_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var sidRE = regexp.MustCompile(`name="sid" value="([^"]+)"`)

// The sessions page lists both sessions, marks this one, and ends the
// other one.
func TestSessionsListAndEnd(t *testing.T) {
	f := newFixture(t)
	other, b := f.login(), f.login()
	resp, page := b.get("/konto/sitzungen")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	sids := sidRE.FindAllStringSubmatch(page, -1)
	require.Len(t, sids, 2)
	require.Equal(t, 1, strings.Count(page, "(diese Sitzung)"))
	var foreign string
	for _, m := range sids {
		if !strings.Contains(page, `id="sitzung-`+m[1]+`"`) {
			t.Fatal("row without id")
		}
		row := page[strings.Index(page, `id="sitzung-`+m[1]+`"`):]
		if !strings.Contains(row[:strings.Index(row, "</tr>")], "(diese Sitzung)") {
			foreign = m[1]
		}
	}
	require.NotEmpty(t, foreign)
	resp, _ = b.post("/konto/sitzungen/beenden", url.Values{"sid": {foreign}})
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	resp, _ = other.get("/konto")
	require.Equal(t, http.StatusSeeOther, resp.StatusCode, "ended")
	_, page = b.get("/konto/sitzungen?beendet=1")
	require.Len(t, sidRE.FindAllString(page, -1), 1)
}

// Every page of a logged-in browser shows the countdown; the extension
// touches the session and answers the new end as JSON.
func TestSessionExtend(t *testing.T) {
	f := newFixture(t)
	now := time.Now()
	f.web.Sessions.Now = func() time.Time { return now }
	b := f.login()
	_, page := b.get("/impressum")
	require.Contains(t, page, `id="sitzung"`)
	require.Contains(t, page, `data-ende="`+now.Add(30*time.Minute).UTC().Format(time.RFC3339)+`"`)
	_, anon := f.browser().get("/impressum")
	require.NotContains(t, anon, `id="sitzung"`)

	now = now.Add(20 * time.Second) // less than the touch interval
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/konto/sitzung/verlaengern", nil)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-CSRF-Token", csrfRE.FindStringSubmatch(page)[1])
	req.Header.Set("Origin", f.srv.URL)
	resp, body := b.do(req)
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	var answer struct{ Ende time.Time }
	require.NoError(t, json.Unmarshal([]byte(body), &answer))
	require.Equal(t, now.Add(30*time.Minute).UTC().Truncate(time.Second), answer.Ende)

	b.page = page
	resp, _ = b.post("/konto/sitzung/verlaengern", url.Values{"zurueck": {"/impressum"}})
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	require.Equal(t, "/impressum", resp.Header.Get("Location"))
	b.page = page
	resp, _ = b.post("/konto/sitzung/verlaengern", url.Values{"zurueck": {"//evil.example/"}})
	require.Equal(t, "/konto", resp.Header.Get("Location"), "no open redirect")

	now = now.Add(31 * time.Minute)
	resp, _ = b.do(req.Clone(req.Context()))
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode, "after the end")
}
