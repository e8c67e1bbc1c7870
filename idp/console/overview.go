package console

import (
	"net/http"

	"mvnk/idp/account"
	"mvnk/portal"
)

type overviewPage struct {
	portal.Page
	Account  *account.Account
	Postfach bool // the Postfach is part of this instance
	Unread   int
}

// showOverview is the console's start page: who is logged in, and the
// sections of the console.
func (c *Console) showOverview(w http.ResponseWriter, r *http.Request, v *Viewer) {
	page := &overviewPage{Account: v.Account, Postfach: c.Unread != nil}
	if page.Postfach {
		n, err := c.Unread(r.Context(), v.Account.ID)
		if err != nil {
			c.Portal.ServerError(w, r, err)
			return
		}
		page.Unread = n
	}
	c.Portal.Render(w, r, http.StatusOK, "konto", page)
}
