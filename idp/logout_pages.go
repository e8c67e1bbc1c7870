package idp

import (
	"net/http"

	"mvnk/portal"
	"mvnk/store"
)

// logoutConfirmPage asks whether to log out (RP-Initiated Logout 1.0 §2).
type logoutConfirmPage struct {
	portal.Page
	Action, Field, Request string
	ClientName             string
}

// logoutDonePage: "Sie sind abgemeldet". BadRedirect tells the user why
// they were not sent back (§3: no redirect to an unregistered URI).
type logoutDonePage struct {
	portal.Page
	ClientName  string
	BadRedirect bool
}

// logoutErrorPage: the logout was refused; details go to the log.
type logoutErrorPage struct {
	portal.Page
	Reference string
}

// renderLogout writes a logout page in the portal's shell. formTarget is
// an origin the page's form may end up at (a post-logout redirect follows
// the form post; CSP Level 3 form-action covers redirects).
func (p *Provider) renderLogout(w http.ResponseWriter, r *http.Request, status int, name string, page portal.Pager, formTarget string) {
	if formTarget != "" {
		w.Header().Set("Content-Security-Policy", portal.CSPWithFormAction(formTarget))
	}
	w.Header().Set("Cache-Control", "no-store")
	p.shell.Render(w, r, status, name, page)
}

func (p *Provider) logoutError(w http.ResponseWriter, r *http.Request, status int, cause error) {
	ref := store.NewID()[:10]
	p.log.Warn("idp: logout request refused", "ref", ref, "path", r.URL.Path, "err", cause)
	p.renderLogout(w, r, status, "idp-logout-error", &logoutErrorPage{Page: protocolPage(), Reference: ref}, "")
}
