package console

import (
	"net/http"

	"mvnk/idp/account"
	"mvnk/portal"
)

type overviewPage struct {
	portal.Page
	Account *account.Account
}

// showOverview is the console's start page: who is logged in, and the
// sections of the console.
func (c *Console) showOverview(w http.ResponseWriter, r *http.Request, v *Viewer) {
	c.Portal.Render(w, r, http.StatusOK, "konto", &overviewPage{Account: v.Account})
}
