package portal_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/portal"
	"mvnk/store"
	"mvnk/store/storetest"
)

func feedbackForm(token string) url.Values {
	return url.Values{
		"csrf_token": {token},
		"page_url":   {"/impressum"},
		"message":    {"Der Kontrast im Kopf ist zu schwach.\r\nZweite Zeile."},
		"name":       {"Kim Musterperson"},
		"email":      {"kim@example.de"},
	}
}

func TestFeedbackIsStoredAndListed(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, portal.Config{})
		before := time.Now()
		resp, _ := e.post("/barrierefreiheit", feedbackForm(e.token("/barrierefreiheit")), nil)
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		require.Equal(t, "/barrierefreiheit?feedback=gesendet#feedback-gesendet", resp.Header.Get("Location"))

		list, err := e.p.Feedback(context.Background(), 10)
		require.NoError(t, err)
		require.Len(t, list, 1)
		f := list[0]
		require.Equal(t, "Der Kontrast im Kopf ist zu schwach.\nZweite Zeile.", f.Message, "CRLF normalised")
		require.Equal(t, "/impressum", f.PageURL)
		require.Equal(t, "Kim Musterperson", f.Name)
		require.Equal(t, "kim@example.de", f.Email)
		require.Equal(t, portal.FeedbackNew, f.Status)
		require.Len(t, f.ID, 26)
		require.WithinDuration(t, before, f.CreatedAt, time.Minute)

		resp, body := e.get("/barrierefreiheit?feedback=gesendet", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, body, "Vielen Dank! Ihre Rückmeldung ist bei uns eingegangen.")
		requireValidPage(t, body)
	}, portal.Migrations)
}

func TestFeedbackWithoutTokenIsRefused(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, portal.Config{})
		e.token("/barrierefreiheit") // a session exists, the form lacks its token
		for name, token := range map[string]string{"missing": "", "wrong": "AAAA"} {
			resp, body := e.post("/barrierefreiheit", feedbackForm(token), nil)
			require.Equal(t, http.StatusForbidden, resp.StatusCode, name)
			require.Contains(t, body, `<html lang="de">`)
			require.Equal(t, "Anfrage abgelehnt – MV-Serviceportal", title(t, body))
			requireValidPage(t, body)
		}
		// A fresh client has no session: even a token from elsewhere fails.
		other := newEnv(t, db, portal.Config{})
		resp, _ := other.post("/barrierefreiheit", feedbackForm(e.token("/")), nil)
		require.Equal(t, http.StatusForbidden, resp.StatusCode)

		list, err := e.p.Feedback(context.Background(), 10)
		require.NoError(t, err)
		require.Empty(t, list)
	}, portal.Migrations)
}

func TestFeedbackCrossOriginIsRefused(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite, portal.Migrations), portal.Config{})
	token := e.token("/barrierefreiheit")
	headers := []http.Header{
		{"Sec-Fetch-Site": {"cross-site"}},
		{"Sec-Fetch-Site": {"same-site"}},
		{"Origin": {"https://evil.example"}},
	}
	for _, h := range headers {
		resp, body := e.post("/barrierefreiheit", feedbackForm(token), h)
		require.Equal(t, http.StatusForbidden, resp.StatusCode, h)
		require.Contains(t, body, "Anfrage abgelehnt")
	}
	resp, _ := e.post("/barrierefreiheit", feedbackForm(token), http.Header{"Sec-Fetch-Site": {"same-origin"}})
	require.Equal(t, http.StatusSeeOther, resp.StatusCode, "same-origin with token passes")
}

func TestFeedbackInvalidKeepsInput(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, portal.Config{})
		form := feedbackForm(e.token("/barrierefreiheit"))
		form.Set("message", "   ")
		form.Set("email", "kim<at>example")
		form.Set("name", `Kim "<b>" Muster`)
		resp, body := e.post("/barrierefreiheit", form, nil)
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		require.Equal(t, "Fehler: Erklärung zur Barrierefreiheit – MV-Serviceportal", title(t, body))
		require.Contains(t, body, "Bitte prüfen Sie Ihre Eingaben")
		require.Contains(t, body, `<a class="kern-link" href="#message">Bitte geben Sie Ihre Nachricht ein.</a>`)
		require.Contains(t, body, `href="#email"`)
		require.Contains(t, body, `aria-describedby="message-hinweis message-fehler" aria-invalid="true"`)
		require.Contains(t, body, `id="message-fehler"`)
		require.Contains(t, body, `value="kim&lt;at&gt;example"`, "entered e-mail kept, escaped")
		require.Contains(t, body, `value="Kim &#34;&lt;b&gt;&#34; Muster"`, "entered name kept, escaped")
		require.Contains(t, body, `value="/impressum"`)
		requireValidPage(t, body)

		list, err := e.p.Feedback(context.Background(), 10)
		require.NoError(t, err)
		require.Empty(t, list)
	}, portal.Migrations)
}

func TestFeedbackTooLarge(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite, portal.Migrations), portal.Config{})
	form := feedbackForm(e.token("/barrierefreiheit"))
	form.Set("message", strings.Repeat("x", 70<<10))
	resp, body := e.post("/barrierefreiheit", form, nil)
	require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	require.Contains(t, body, "Die gesendeten Daten sind zu groß.")

	// 5,000 Cyrillic characters (~30 KiB encoded) are within the limit.
	form.Set("message", strings.Repeat("ж", 5000))
	resp, _ = e.post("/barrierefreiheit", form, nil)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
}

func TestFeedbackRateLimit(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, portal.Config{})
		ctx := context.Background()
		for range portal.FeedbackPerWindow {
			require.NoError(t, e.p.InsertFeedback(ctx, portal.Feedback{
				ID: store.NewID(), CreatedAt: time.Now(), Message: "Spam", Status: portal.FeedbackNew,
			}))
		}
		resp, body := e.post("/barrierefreiheit", feedbackForm(e.token("/barrierefreiheit")), nil)
		require.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
		require.Contains(t, body, "Bitte versuchen Sie es in einigen Minuten noch einmal.")
		list, err := e.p.Feedback(ctx, 1000)
		require.NoError(t, err)
		require.Len(t, list, portal.FeedbackPerWindow)
	}, portal.Migrations)
}
