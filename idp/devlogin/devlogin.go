// Package devlogin is the test login of a development instance, beside
// the real web login (idp/login): a page lists demo persons, and choosing
// one logs in; login_hint=dev:<person> logs one in without the page, for
// load tests and scripts. It is clearly labelled as a test login on its
// page, and `mvnk serve` wires it only with --dev. It implements
// idp.Authenticator, the same hand-off the real login implements.
package devlogin

import (
	"embed"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"mvnk/idp"
	"mvnk/portal"
	"mvnk/store"
)

//go:embed templates/*.html
var templates embed.FS

// HintPrefix in login_hint logs a demo person in without the page
// ("dev:erika"), so load tests and scripts can run the code flow.
const HintPrefix = "dev:"

const (
	cookieName = "mvnk_dev_login"
	pagePath   = "/anmelden/testperson"
)

// Person is a demo account of the development instance.
type Person struct {
	Subject string
	Name    string
}

// Persons are the demo accounts offered on the page.
var Persons = []Person{
	{Subject: "demo-erika", Name: "Erika Mustermann"},
	{Subject: "demo-juergen", Name: "Jürgen Groß"},
	{Subject: "demo-ayse", Name: "Ayşe Yılmaz"},
}

// Login is the development login step.
type Login struct {
	Portal *portal.Portal
	Issuer string // to check that the page only ever resumes at our provider
	Log    *slog.Logger
	Now    func() time.Time
}

var _ idp.Authenticator = (*Login)(nil)

// New returns the login step and adds its pages to the portal.
func New(p *portal.Portal, issuer string, logger *slog.Logger) (*Login, error) {
	if err := p.AddPages(templates, "templates"); err != nil {
		return nil, err
	}
	return &Login{Portal: p, Issuer: strings.TrimRight(issuer, "/"), Log: logger, Now: time.Now}, nil
}

// Mount registers the page on the portal's (CSRF-protected) page mux.
func (l *Login) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET "+pagePath, l.page)
	mux.HandleFunc("POST "+pagePath, l.choose)
}

func find(subject string) (Person, bool) {
	for _, p := range Persons {
		if p.Subject == subject {
			return p, true
		}
	}
	return Person{}, false
}

// authentication is what a demo login proves: a password-level login
// (Basisregistrierung, STORK-QAA-Level-1; egov-standards §1).
func (l *Login) authentication(subject string, at time.Time, sid string) *idp.Authentication {
	return &idp.Authentication{Subject: subject, AuthTime: at, ACR: "STORK-QAA-Level-1", AMR: []string{"pwd"}, SessionID: sid}
}

func newSessionID() string { return store.NewID() }
