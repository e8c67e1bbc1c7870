package e2e

import (
	"net/http"
	"net/url"
	"strings"
)

// Page is one page the checks visit. Add the pages of a new component
// here, with their error states; every check runs on every page.
type Page struct {
	Name   string // subtest and screenshot name
	Path   string // path and query on the server
	Title  string // a fragment the <title> must contain
	Status int    // expected HTTP status
	// Lang is the language the client asks for (Accept-Language) and
	// the one <html lang> must declare; "" means "de".
	Lang string
	// Form, when set, makes the page the answer to submitting the form
	// on Path whose action is Path, with these values and the page's
	// CSRF token: the way to check a form's error state.
	Form url.Values
}

// notFoundPath is a path no component serves.
const notFoundPath = "/e2e/diese-seite-gibt-es-nicht-4f9c2a"

// Pages lists every page of the portal, German first.
func Pages() []Page {
	return []Page{
		{Name: "start", Path: "/", Title: "Startseite", Status: http.StatusOK},
		{Name: "impressum", Path: "/impressum", Title: "Impressum", Status: http.StatusOK},
		{Name: "datenschutz", Path: "/datenschutz", Title: "Datenschutzerklärung", Status: http.StatusOK},
		{Name: "barrierefreiheit", Path: "/barrierefreiheit", Title: "Erklärung zur Barrierefreiheit", Status: http.StatusOK},
		{Name: "barrierefreiheit-fehler", Path: "/barrierefreiheit", Title: "Fehler: Erklärung zur Barrierefreiheit",
			Status: http.StatusUnprocessableEntity, Form: url.Values{"message": {""}, "email": {"keine-adresse"}}},
		{Name: "barrierefreiheit-gesendet", Path: "/barrierefreiheit?feedback=gesendet", Title: "Erklärung zur Barrierefreiheit", Status: http.StatusOK},
		{Name: "leichte-sprache", Path: "/leichte-sprache", Title: "Leichte Sprache", Status: http.StatusOK},
		{Name: "sprache", Path: "/sprache", Title: "Sprache wählen", Status: http.StatusOK},
		{Name: "nicht-gefunden", Path: notFoundPath, Title: "Seite nicht gefunden", Status: http.StatusNotFound},
		{Name: "anmelden", Path: "/anmelden?weiter={resume}", Title: "Anmelden", Status: http.StatusOK},
		{Name: "anmelden-fehler", Path: "/anmelden", Title: "Fehler: Anmelden", Status: http.StatusUnprocessableEntity,
			Form: url.Values{"login": {"unbekannt"}, "password": {"falsches Passwort"}}},
		{Name: "anmelden-leer", Path: "/anmelden", Title: "Fehler: Anmelden", Status: http.StatusUnprocessableEntity,
			Form: url.Values{"login": {""}, "password": {""}}},
		{Name: "anmelden-testperson", Path: "/anmelden/testperson?weiter={resume}", Title: "Test-Anmeldung", Status: http.StatusOK},
		{Name: "idp-fehler", Path: "/oauth2/auth?client_id=unbekannt&response_type=code", Title: "Anmeldung nicht möglich", Status: http.StatusBadRequest},
		{Name: "idp-abmelden", Path: "/oauth2/logout", Title: "Abmelden?", Status: http.StatusOK},
		{Name: "idp-abmelden-fehler", Path: "/oauth2/logout?id_token_hint=kein.gueltiges.token", Title: "Abmeldung nicht möglich", Status: http.StatusBadRequest},
		{Name: "test-postfach", Path: "/dev/mail", Title: "Test-Postfach", Status: http.StatusOK},
		{Name: "anmelden-ungueltig", Path: "/anmelden?weiter=https%3A%2F%2Fevil.example%2F", Title: "Anmeldung nicht möglich", Status: http.StatusBadRequest},
		{Name: "registrieren", Path: "/registrieren", Title: "Konto erstellen", Status: http.StatusOK},
		{Name: "registrieren-fehler", Path: "/registrieren", Title: "Fehler: Konto erstellen", Status: http.StatusUnprocessableEntity,
			Form: url.Values{"username": {"a"}, "email": {"keine-adresse"}, "password": {"abcdefgh"}, "password_repeat": {"anders"}}},
		{Name: "registrieren-gesendet", Path: "/registrieren?gesendet=1", Title: "Bitte bestätigen Sie Ihre E-Mail-Adresse", Status: http.StatusOK},
		{Name: "registrieren-link-ungueltig", Path: "/registrieren/bestaetigen?token=ungueltig", Title: "Link ungültig", Status: http.StatusBadRequest},
		{Name: "passwort-vergessen", Path: "/passwort-vergessen", Title: "Passwort vergessen", Status: http.StatusOK},
		{Name: "passwort-vergessen-fehler", Path: "/passwort-vergessen", Title: "Fehler: Passwort vergessen", Status: http.StatusUnprocessableEntity,
			Form: url.Values{"login": {""}}},
		{Name: "passwort-vergessen-gesendet", Path: "/passwort-vergessen?gesendet=1", Title: "Passwort vergessen", Status: http.StatusOK},
		{Name: "passwort-neu-link-ungueltig", Path: "/passwort-neu?token=ungueltig", Title: "Link ungültig", Status: http.StatusBadRequest},
		{Name: "konto-geloescht", Path: "/konto/geloescht", Title: "Konto gelöscht", Status: http.StatusOK},
		{Name: "konto-email-link-ungueltig", Path: "/konto/email-bestaetigen?token=ungueltig", Title: "Link ungültig", Status: http.StatusBadRequest},
		{Name: "konto-geloescht-en", Path: "/konto/geloescht", Title: "Account deleted", Status: http.StatusOK, Lang: "en"},
		{Name: "anmelden-testperson-ungueltig", Path: "/anmelden/testperson?weiter=https%3A%2F%2Fevil.example%2F", Title: "Anmeldung nicht möglich", Status: http.StatusBadRequest},
		{Name: "zweiter-faktor-abgelaufen", Path: "/anmelden/zweiter-faktor", Title: "Bitte melden Sie sich erneut an", Status: http.StatusBadRequest},
		{Name: "zweiter-faktor-abgelaufen-en", Path: "/anmelden/wiederherstellungscode", Title: "Please sign in again", Status: http.StatusBadRequest, Lang: "en"},
		// eID login and simulator (need the simulator, on with --dev).
		{Name: "anmelden-eid", Path: "/anmelden/eid?weiter={resume}", Title: "Mit Online-Ausweis identifizieren", Status: http.StatusOK},
		{Name: "anmelden-eid-en", Path: "/anmelden/eid?weiter={resume}", Title: "Identify with the online ID card", Status: http.StatusOK, Lang: "en"},
		{Name: "anmelden-eid-abgelaufen", Path: "/anmelden/eid/fertig?weiter={resume}", Title: "Identifizierung nicht gefunden", Status: http.StatusBadRequest},
		{Name: "anmelden-eid-registrieren-abgelaufen", Path: "/anmelden/eid/registrieren", Title: "Identifizierung nicht gefunden", Status: http.StatusBadRequest},
		{Name: "eid-simulator-abgelaufen", Path: "/eid-simulator?vorgang=unbekannt", Title: "Test-eID: Vorgang unbekannt", Status: http.StatusNotFound},

		// The portal picks English from Accept-Language, or from the
		// cookie that POST /sprache sets.
		{Name: "start-en", Path: "/", Title: "Home", Status: http.StatusOK, Lang: "en"},
		{Name: "impressum-en", Path: "/impressum", Title: "Legal notice", Status: http.StatusOK, Lang: "en"},
		{Name: "datenschutz-en", Path: "/datenschutz", Title: "Privacy notice", Status: http.StatusOK, Lang: "en"},
		{Name: "barrierefreiheit-en", Path: "/barrierefreiheit", Title: "Accessibility statement", Status: http.StatusOK, Lang: "en"},
		{Name: "barrierefreiheit-fehler-en", Path: "/barrierefreiheit", Title: "Error: Accessibility statement",
			Status: http.StatusUnprocessableEntity, Lang: "en", Form: url.Values{"message": {""}}},
		{Name: "leichte-sprache-en", Path: "/leichte-sprache", Title: "Easy Read", Status: http.StatusOK, Lang: "en"},
		{Name: "sprache-en", Path: "/sprache", Title: "Choose language", Status: http.StatusOK, Lang: "en"},
		{Name: "nicht-gefunden-en", Path: notFoundPath, Title: "Page not found", Status: http.StatusNotFound, Lang: "en"},
		{Name: "idp-fehler-en", Path: "/oauth2/auth?client_id=unbekannt&response_type=code", Title: "Sign-in not possible", Status: http.StatusBadRequest, Lang: "en"},
		{Name: "idp-abmelden-en", Path: "/oauth2/logout", Title: "Sign out?", Status: http.StatusOK, Lang: "en"},
		{Name: "anmelden-en", Path: "/anmelden?weiter={resume}", Title: "Sign in", Status: http.StatusOK, Lang: "en"},
		{Name: "anmelden-fehler-en", Path: "/anmelden", Title: "Error: Sign in", Status: http.StatusUnprocessableEntity, Lang: "en",
			Form: url.Values{"login": {"unbekannt"}, "password": {"falsches Passwort"}}},
		{Name: "registrieren-en", Path: "/registrieren", Title: "Create an account", Status: http.StatusOK, Lang: "en"},
		{Name: "registrieren-fehler-en", Path: "/registrieren", Title: "Error: Create an account", Status: http.StatusUnprocessableEntity, Lang: "en",
			Form: url.Values{"username": {"a"}, "email": {"keine-adresse"}, "password": {"abcdefgh"}, "password_repeat": {"anders"}}},
		{Name: "registrieren-gesendet-en", Path: "/registrieren?gesendet=1", Title: "Please confirm your e-mail address", Status: http.StatusOK, Lang: "en"},
		{Name: "passwort-vergessen-en", Path: "/passwort-vergessen", Title: "Forgot password", Status: http.StatusOK, Lang: "en"},
		{Name: "passwort-vergessen-fehler-en", Path: "/passwort-vergessen", Title: "Error: Forgot password", Status: http.StatusUnprocessableEntity, Lang: "en",
			Form: url.Values{"login": {""}}},
		{Name: "link-ungueltig-en", Path: "/passwort-neu?token=ungueltig", Title: "Link not valid", Status: http.StatusBadRequest, Lang: "en"},
		{Name: "anmelden-testperson-en", Path: "/anmelden/testperson?weiter={resume}", Title: "Test login", Status: http.StatusOK, Lang: "en"},
	}
}

// path is the page's path and query on the server at base; {resume}
// stands for a continuation URL of the server's own provider.
func (p Page) path(base string) string {
	return strings.ReplaceAll(p.Path, "{resume}", url.QueryEscape(base+"/oauth2/auth/resume?h=e2e"))
}

// lang is the page's language, "de" by default.
func (p Page) lang() string {
	if p.Lang == "" {
		return "de"
	}
	return p.Lang
}
