package idp

import (
	"net/http"

	"mvnk/store"
)

// logoutConfirmPage asks whether to log out (RP-Initiated Logout 1.0 §2).
type logoutConfirmPage struct {
	Action, Field, Request string
	ClientName             string
}

// logoutDonePage: "Sie sind abgemeldet". BadRedirect tells the user why
// they were not sent back (§3: no redirect to an unregistered URI).
type logoutDonePage struct {
	ClientName  string
	BadRedirect bool
}

// logoutErrorPage: the logout was refused; details go to the log.
type logoutErrorPage struct{ Reference string }

// renderLogout writes a logout page under a strict CSP. formTarget is an
// origin the page's form may end up at (a post-logout redirect follows
// the form post; CSP Level 3 form-action covers redirects).
func (p *Provider) renderLogout(w http.ResponseWriter, status int, name string, page any, formTarget string) {
	csp := "default-src 'none'; form-action 'self'"
	if formTarget != "" {
		csp += " " + formTarget
	}
	w.Header().Set("Content-Security-Policy", csp+"; frame-ancestors 'none'; base-uri 'none'")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := p.pages.ExecuteTemplate(w, name, page); err != nil {
		p.log.Error("idp: render logout page", "page", name, "err", err)
	}
}

func (p *Provider) logoutError(w http.ResponseWriter, r *http.Request, status int, cause error) {
	ref := store.NewID()[:10]
	p.log.Warn("idp: logout request refused", "ref", ref, "path", r.URL.Path, "err", cause)
	p.renderLogout(w, status, "logout_error.html", logoutErrorPage{Reference: ref}, "")
}
