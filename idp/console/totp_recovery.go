package console

import (
	"net/http"

	"mvnk/audit"
)

// showRecovery shows how many recovery codes are left, with the way to
// make new ones.
func (c *Console) showRecovery(w http.ResponseWriter, r *http.Request, v *Viewer) {
	data, err := c.totpData(r, v)
	if err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	c.renderTOTP(w, r, http.StatusOK, "wiederherstellungscodes", data)
}

// regenerateRecovery replaces all codes by ten new ones; only for an
// account with a factor they can stand in for.
func (c *Console) regenerateRecovery(w http.ResponseWriter, r *http.Request, v *Viewer) {
	f, err := c.Accounts.Store.Factors(r.Context(), v.Account.ID)
	if err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	if !f.Any() {
		http.Redirect(w, r, pathRecovery, http.StatusSeeOther)
		return
	}
	c.newRecoveryCodes(w, r, v)
}

// newRecoveryCodes makes ten codes and shows them, the only time.
func (c *Console) newRecoveryCodes(w http.ResponseWriter, r *http.Request, v *Viewer) {
	codes, err := c.Accounts.Store.NewRecoveryCodes(r.Context(), v.Account.ID)
	if err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	c.Login.RecordMFA(r, v.Account.ID, audit.MFARecoveryRenewed, nil)
	c.renderTOTP(w, r, http.StatusOK, "wiederherstellungscodes-neu", &totpPage{Codes: codes, TOTP: true})
}
