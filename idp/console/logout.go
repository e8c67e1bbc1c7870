package console

import (
	"errors"
	"net/http"

	"mvnk/idp/login"
	"mvnk/portal"
)

// PathLogout ends the browser's login session ("Abmelden", a POST from
// the session region of every page).
const PathLogout = "/abmelden"

func (c *Console) mountLogout(mux *http.ServeMux) {
	mux.HandleFunc("POST "+PathLogout, c.logout)
}

// logout ends the browser's login session here and at the provider, whose
// back-channel logout tells the services it was used at, and clears the
// cookie. Without a session it only says so: the result is the same.
func (c *Console) logout(w http.ResponseWriter, r *http.Request) {
	if sess, err := c.Login.Viewer(r); err == nil {
		err = c.Login.Sessions.EndSID(r.Context(), sess.AccountID, sess.SID)
		if err != nil && !errors.Is(err, login.ErrNoSession) {
			c.Portal.ServerError(w, r, err)
			return
		}
	}
	if err := c.Login.EndSession(w, r, ""); err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	if err := c.Portal.RenewCSRF(w, r); err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	c.Portal.Render(w, r, http.StatusOK, "abgemeldet", &portal.Page{})
}
