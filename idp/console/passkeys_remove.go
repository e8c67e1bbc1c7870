package console

import (
	"net/http"

	"mvnk/audit"
	"mvnk/idp/account"
)

// removePasskeyPage asks before a passkey is removed.
type removePasskeyPage struct {
	consolePage
	Passkey *account.Passkey
	// Last: it is the last second factor; the login then needs the
	// password only, which the page says.
	Last bool
}

// confirmRemovePasskey shows the question for the passkey ?id=….
func (c *Console) confirmRemovePasskey(w http.ResponseWriter, r *http.Request, v *Viewer) {
	p, ok := c.ownPasskey(w, r, v, r.URL.Query().Get("id"))
	if !ok {
		return
	}
	f, err := c.Accounts.Store.Factors(r.Context(), v.Account.ID)
	if err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	c.Portal.Render(w, r, http.StatusOK, "passkeys-entfernen",
		&removePasskeyPage{Passkey: p, Last: !f.TOTP && f.Passkeys == 1})
}

// removePasskey removes it once confirmed (the form's bestaetigt=ja).
func (c *Console) removePasskey(w http.ResponseWriter, r *http.Request, v *Viewer) {
	p, ok := c.ownPasskey(w, r, v, r.PostFormValue("id"))
	if !ok {
		return
	}
	if r.PostFormValue("bestaetigt") != "ja" {
		http.Redirect(w, r, pathPasskeys, http.StatusSeeOther)
		return
	}
	if err := c.Accounts.Store.RemovePasskey(r.Context(), v.Account.ID, p.ID); err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	c.recordPasskey(r, v, audit.MFAPasskeyRemoved, p)
	http.Redirect(w, r, noticeURL("entfernt"), http.StatusSeeOther)
}

// ownPasskey is the viewer's passkey with id; another's or none is "not
// found".
func (c *Console) ownPasskey(w http.ResponseWriter, r *http.Request, v *Viewer, id string) (*account.Passkey, bool) {
	list, err := c.Accounts.Store.Passkeys(r.Context(), v.Account.ID)
	if err != nil {
		c.Portal.ServerError(w, r, err)
		return nil, false
	}
	for _, p := range list {
		if p.ID == id {
			return p, true
		}
	}
	c.Portal.NotFound(w, r)
	return nil, false
}
