package devlogin

import (
	"net/http"

	"mvnk/idp"
	"mvnk/portal"
)

// Unavailable is the login step of an instance without --dev until
// accounts exist: nobody can log in, and the browser is told so in German.
type Unavailable struct{ Portal *portal.Portal }

var _ idp.Authenticator = Unavailable{}

// NewUnavailable adds the page to the portal.
func NewUnavailable(p *portal.Portal) (Unavailable, error) {
	return Unavailable{Portal: p}, p.AddPages(mustSub())
}

// Authenticate never succeeds; prompt=none gets login_required.
func (u Unavailable) Authenticate(w http.ResponseWriter, r *http.Request, req idp.LoginRequest) (*idp.Authentication, bool) {
	if req.Interactive {
		u.Portal.Render(w, r, http.StatusServiceUnavailable, "anmeldung-geschlossen", nil)
	}
	return nil, false
}
