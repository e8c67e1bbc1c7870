package portal_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/portal"
	"mvnk/store"
	"mvnk/store/storetest"
)

// A page of a browser with a login session carries the countdown region
// with the end, the extend form (with its CSRF token) and the script; a
// page without one carries none of it.
func TestSessionTimerRegion(t *testing.T) {
	db := storetest.Open(t, store.SQLite, portal.Migrations)
	p, err := portal.New(portal.Config{PublicURL: &url.URL{Scheme: "http", Host: "localhost"}},
		db, newKeyring(), slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	end := time.Now().Add(12*time.Minute + 30*time.Second).Truncate(time.Second)
	p.SessionEnd = func(r *http.Request) (time.Time, bool) { return end, r.Header.Get("X-Angemeldet") != "" }
	p.SessionExtend, p.SessionLogin = "/konto/sitzung/verlaengern", "/anmelden"

	render := func(lang string, loggedIn bool) string {
		r := httptest.NewRequest(http.MethodGet, "/impressum?x=1", nil)
		r.Header.Set("Accept-Language", lang)
		if loggedIn {
			r.Header.Set("X-Angemeldet", "1")
		}
		w := httptest.NewRecorder()
		p.Render(w, r, http.StatusOK, "impressum", nil)
		require.Equal(t, http.StatusOK, w.Code)
		return w.Body.String()
	}
	de := render("de", true)
	require.Contains(t, de, `data-ende="`+end.UTC().Format(time.RFC3339)+`"`)
	require.Contains(t, de, `data-verlaengern="/konto/sitzung/verlaengern"`)
	require.Contains(t, de, "Ihre Sitzung endet in 12 Minuten, wenn Sie nichts tun.")
	require.Contains(t, de, `role="status" aria-live="polite"`)
	require.Regexp(t, `<form id="sitzung-form" method="post" action="/konto/sitzung/verlaengern">\s*<input type="hidden" name="csrf_token" value="[A-Za-z0-9_-]{43}">`, de)
	require.Contains(t, de, `href="/anmelden?weiter=%2Fimpressum%3Fx%3D1"`)
	require.Regexp(t, `<script src="/assets/[0-9a-f]+/js/sitzung.js" defer></script>`, de)
	require.Contains(t, render("en", true), "Extend session")

	none := render("de", false)
	require.NotContains(t, none, `id="sitzung"`)
	require.NotContains(t, none, "sitzung.js")
}
