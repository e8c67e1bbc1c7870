package portal_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/portal"
	"mvnk/store"
	"mvnk/store/storetest"
)

var germanPages = []struct{ path, title string }{
	{"/", "Startseite – MV-Serviceportal"},
	{"/impressum", "Impressum – MV-Serviceportal"},
	{"/datenschutz", "Datenschutzerklärung – MV-Serviceportal"},
	{"/barrierefreiheit", "Erklärung zur Barrierefreiheit – MV-Serviceportal"},
	{"/leichte-sprache", "Leichte Sprache – MV-Serviceportal"},
	{"/sprache", "Sprache wählen – MV-Serviceportal"},
}

func TestPagesAreGermanValidAndSecured(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, portal.Config{})
		for _, pg := range germanPages {
			t.Run(strings.Trim(pg.path, "/"), func(t *testing.T) {
				resp, body := e.get(pg.path, nil)
				require.Equal(t, http.StatusOK, resp.StatusCode)
				require.Contains(t, body, `<html lang="de">`)
				require.Equal(t, pg.title, title(t, body))
				require.Equal(t, "de", resp.Header.Get("Content-Language"))
				require.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
				requireSecurityHeaders(t, resp)
				require.Empty(t, resp.Header.Get("Strict-Transport-Security"), "no HSTS over http")
				requireValidPage(t, body)
				requireAssetsLoad(t, e, body)
			})
		}
	}, portal.Migrations)
}

var assetRE = regexp.MustCompile(`href="(/assets/[^"]+)"`)

// requireAssetsLoad fetches every stylesheet and icon a page links to.
func requireAssetsLoad(t *testing.T, e *env, body string) {
	t.Helper()
	links := assetRE.FindAllStringSubmatch(body, -1)
	require.Len(t, links, 4, "fonts, KERN, portal.css, favicon")
	for _, m := range links {
		resp, _ := e.get(m[1], nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, m[1])
	}
}

func TestHeadersOnEveryResponse(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite, portal.Migrations), portal.Config{})
	for _, path := range []string{"/healthz", "/gibt-es-nicht", "/"} {
		resp, _ := e.get(path, nil)
		requireSecurityHeaders(t, resp)
		require.Equal(t, "DENY", resp.Header.Get("X-Frame-Options"), path)
	}
}

func TestHSTSOnlyForHTTPS(t *testing.T) {
	db := storetest.Open(t, store.SQLite, portal.Migrations)
	plain := newEnv(t, db, portal.Config{PublicURL: &url.URL{Scheme: "http", Host: "localhost"}})
	resp, _ := plain.get("/", nil)
	require.Empty(t, resp.Header.Get("Strict-Transport-Security"))

	tls := newEnv(t, db, portal.Config{PublicURL: &url.URL{Scheme: "https", Host: "serviceportal.example"}})
	resp, _ = tls.get("/", nil)
	require.Contains(t, resp.Header.Get("Strict-Transport-Security"), "max-age=")
	session := findCookie(resp, "mvnk_session")
	require.NotNil(t, session)
	require.True(t, session.Secure, "session cookie Secure under https")
	require.True(t, session.HttpOnly)
	require.Equal(t, http.SameSiteLaxMode, session.SameSite)

	resp, _ = tls.get("/healthz", nil)
	require.NotEmpty(t, resp.Header.Get("Strict-Transport-Security"), "HSTS on probes too")
}

func findCookie(resp *http.Response, name string) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func TestDevBannerOnlyInDevMode(t *testing.T) {
	db := storetest.Open(t, store.SQLite, portal.Migrations)
	dev := newEnv(t, db, portal.Config{Dev: true, Version: "1.2.3"})
	prod := newEnv(t, db, portal.Config{})
	for _, pg := range germanPages {
		_, body := dev.get(pg.path, nil)
		require.Contains(t, body, "Entwicklungsinstanz – keine echten Daten", pg.path)
		require.Contains(t, body, "Version 1.2.3")
		_, body = prod.get(pg.path, nil)
		require.NotContains(t, body, "Entwicklungsinstanz", pg.path)
		require.NotContains(t, body, "mvnk-dev-banner", pg.path)
	}
	_, body := dev.get("/gibt-es-nicht", nil)
	require.Contains(t, body, "Entwicklungsinstanz", "error pages too")
}

func TestNotFoundIsGerman(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite, portal.Migrations), portal.Config{})
	for _, path := range []string{"/gibt-es-nicht", "/impressum/x", "/assets/alt/nicht-da.css"} {
		resp, body := e.get(path, nil)
		require.Equal(t, http.StatusNotFound, resp.StatusCode, path)
		require.Contains(t, body, `<html lang="de">`)
		require.Equal(t, "Seite nicht gefunden – MV-Serviceportal", title(t, body))
		require.Contains(t, body, "gibt es nicht oder nicht mehr")
		requireValidPage(t, body)
	}
}

var refRE = regexp.MustCompile(`<strong class="mvnk-ref">([A-Z2-9]{4}-[A-Z2-9]{4})</strong>`)

func TestServerErrorShowsReferenceFromLog(t *testing.T) {
	e := newEnv(t, storetest.Open(t, store.SQLite, portal.Migrations), portal.Config{})
	resp, body := e.get("/test/kaputt", nil)
	require.Equal(t, http.StatusInternalServerError, resp.StatusCode)
	require.Equal(t, "Es ist ein Fehler aufgetreten – MV-Serviceportal", title(t, body))
	require.NotContains(t, body, "database on fire", "details stay in the log")
	m := refRE.FindStringSubmatch(body)
	require.NotNil(t, m, "reference id on the page")
	logs := e.log.String()
	require.Contains(t, logs, "ref="+m[1])
	require.Contains(t, logs, "boom: database on fire")
	requireValidPage(t, body)
}
