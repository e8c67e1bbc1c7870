package portal_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"mvnk/portal"
	"mvnk/store"
	"mvnk/store/storetest"
)

// inboxPage is how a component's page embeds the common base.
type inboxPage struct {
	portal.Page
	Count int
}

// A component adds its own pages and renders them in the shell.
func TestComponentPages(t *testing.T) {
	db := storetest.Open(t, store.SQLite, portal.Migrations)
	p, err := portal.New(portal.Config{PublicURL: &url.URL{Scheme: "http", Host: "localhost"}},
		db, newKeyring(), slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	pages := fstest.MapFS{
		"postfach.html":    {Data: []byte(`{{define "title"}}Postfach{{end}}{{define "content"}}<h1>Postfach</h1><p>{{.Count}} Nachrichten</p>{{end}}`)},
		"postfach.en.html": {Data: []byte(`{{define "title"}}Mailbox{{end}}{{define "content"}}<h1>Mailbox</h1><p>{{.Count}} messages</p>{{end}}`)},
	}
	require.NoError(t, p.AddPages(pages, "."))
	require.ErrorContains(t, p.AddPages(pages, "."), "defined twice")
	p.AddNav(portal.NavItem{Href: "/postfach", Label: "nav.home"})

	render := func(accept string) string {
		r := httptest.NewRequest(http.MethodGet, "/postfach", nil)
		r.Header.Set("Accept-Language", accept)
		w := httptest.NewRecorder()
		p.Render(w, r, http.StatusOK, "postfach", &inboxPage{Count: 3})
		require.Equal(t, http.StatusOK, w.Code)
		return w.Body.String()
	}
	de := render("de")
	require.Equal(t, "Postfach – MV-Serviceportal", title(t, de))
	require.Contains(t, de, "3 Nachrichten")
	require.Contains(t, de, `href="/postfach" aria-current="page"`, "its nav entry is marked current")
	require.Regexp(t, `name="csrf_token" value="[A-Za-z0-9_-]{43}"`, de, "a token even outside Protect")
	en := render("en")
	require.Contains(t, en, `<html lang="en">`)
	require.Contains(t, en, "3 messages")

	w := httptest.NewRecorder()
	p.Render(w, httptest.NewRequest(http.MethodGet, "/", nil), http.StatusOK, "gibt-es-nicht", nil)
	require.Equal(t, http.StatusInternalServerError, w.Code, "an unknown page is a server error")
}
