package devlogin

import (
	"net/http"
	"strings"

	"mvnk/portal"
)

type loginPage struct {
	portal.Page
	Persons []Person
	Weiter  string
}

// page shows the demo persons; it continues only to our own provider.
func (l *Login) page(w http.ResponseWriter, r *http.Request) {
	weiter := r.URL.Query().Get("weiter")
	if !l.ours(weiter) {
		l.Portal.Render(w, r, http.StatusBadRequest, "anmelden-ungueltig", nil)
		return
	}
	l.Portal.Render(w, r, http.StatusOK, "anmelden", &loginPage{Persons: Persons, Weiter: weiter})
}

// choose logs the chosen person in and resumes the authorization request.
func (l *Login) choose(w http.ResponseWriter, r *http.Request) {
	weiter := r.PostFormValue("weiter")
	_, known := find(r.PostFormValue("person"))
	if !l.ours(weiter) || !known {
		l.Portal.Render(w, r, http.StatusBadRequest, "anmelden-ungueltig", nil)
		return
	}
	if _, err := l.logIn(w, r, r.PostFormValue("person")); err != nil {
		l.Portal.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, weiter, http.StatusSeeOther)
}

// ours: the continuation is the provider's resume endpoint, never another
// site (no open redirect).
func (l *Login) ours(weiter string) bool {
	return strings.HasPrefix(weiter, l.Issuer+"/oauth2/auth/resume?")
}
