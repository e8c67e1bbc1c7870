package portal_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/portal"
	"mvnk/store"
	"mvnk/store/storetest"
)

func TestEnglishByAcceptLanguage(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite, portal.Migrations), portal.Config{})
	cases := []struct{ accept, lang, title string }{
		{"en-US,en;q=0.9", "en", "Legal notice – MV-Serviceportal"},
		{"en-GB", "en", "Legal notice – MV-Serviceportal"},
		{"de-AT,de;q=0.9,en;q=0.5", "de", "Impressum – MV-Serviceportal"},
		{"fr-FR", "de", "Impressum – MV-Serviceportal"},
		{"fr;q=1, en;q=0.5", "en", "Legal notice – MV-Serviceportal"},
		{"", "de", "Impressum – MV-Serviceportal"},
	}
	for _, tc := range cases {
		t.Run(tc.accept, func(t *testing.T) {
			resp, body := e.get("/impressum", http.Header{"Accept-Language": {tc.accept}})
			require.Equal(t, http.StatusOK, resp.StatusCode)
			require.Contains(t, body, `<html lang="`+tc.lang+`">`)
			require.Equal(t, tc.title, title(t, body))
			require.Equal(t, tc.lang, resp.Header.Get("Content-Language"))
		})
	}
}

func TestEnglishPagesAreValid(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite, portal.Migrations), portal.Config{Dev: true})
	english := http.Header{"Accept-Language": {"en"}}
	for _, path := range []string{"/", "/impressum", "/datenschutz", "/barrierefreiheit", "/leichte-sprache", "/sprache", "/nope"} {
		_, body := e.get(path, english)
		require.Contains(t, body, `<html lang="en">`, path)
		require.Contains(t, body, "Development instance", path)
		requireValidPage(t, body)
	}
}

func TestLanguageSwitch(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite, portal.Migrations), portal.Config{})
	german := http.Header{"Accept-Language": {"de-DE"}}
	token := e.token("/impressum")

	resp, _ := e.post("/sprache", url.Values{"csrf_token": {token}, "lang": {"en"}, "return": {"/impressum"}}, nil)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	require.Equal(t, "/impressum", resp.Header.Get("Location"))
	_, body := e.get("/impressum", german)
	require.Contains(t, body, `<html lang="en">`, "the cookie beats Accept-Language")
	require.Equal(t, "Legal notice – MV-Serviceportal", title(t, body))

	resp, _ = e.post("/sprache", url.Values{"csrf_token": {token}, "lang": {"de"}, "return": {"//evil.example/x"}}, nil)
	require.Equal(t, "/", resp.Header.Get("Location"), "no open redirect")
	_, body = e.get("/impressum", http.Header{"Accept-Language": {"en"}})
	require.Contains(t, body, `<html lang="de">`)

	resp, _ = e.post("/sprache", url.Values{"csrf_token": {token}, "lang": {"xx"}}, nil)
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)
}

func TestLanguageSwitchNeedsToken(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite, portal.Migrations), portal.Config{})
	e.token("/")
	resp, body := e.post("/sprache", url.Values{"lang": {"en"}, "return": {"/"}}, nil)
	require.Equal(t, http.StatusForbidden, resp.StatusCode)
	require.Contains(t, body, "Anfrage abgelehnt")
	require.Nil(t, findCookie(resp, "mvnk_lang"))
}
