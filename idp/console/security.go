package console

import (
	"net/http"

	"mvnk/idp/account"
)

// Paths of "Anmeldung und Sicherheit". TOTP, recovery codes and passkeys
// have their own files (totp.go, passkeys.go).
const (
	pathSecurity     = Path + "/sicherheit"
	pathPassword     = pathSecurity + "/passwort"
	pathEmail        = pathSecurity + "/email"
	pathEmailConfirm = Path + "/email-bestaetigen"
)

func (c *Console) mountSecurity(mux *http.ServeMux) {
	mux.HandleFunc("GET "+pathSecurity, c.viewer(c.showSecurity))
	mux.HandleFunc("GET "+pathPassword, c.viewer(c.showPassword))
	mux.HandleFunc("POST "+pathPassword, c.viewer(c.submitPassword))
	mux.HandleFunc("GET "+pathEmail, c.viewer(c.showEmail))
	mux.HandleFunc("POST "+pathEmail, c.viewer(c.submitEmail))
	// The link in the mail may be opened on another device: no login
	// needed, the token is the proof of the new mailbox.
	mux.HandleFunc("GET "+pathEmailConfirm, c.showEmailConfirm)
	mux.HandleFunc("POST "+pathEmailConfirm, c.submitEmailConfirm)
}

type securityPage struct {
	consolePage
	Account *account.Account
	Factors account.Factors
	Notice  string // "passwort" after a password change, "email" after a change request
}

func (c *Console) showSecurity(w http.ResponseWriter, r *http.Request, v *Viewer) {
	f, err := c.Accounts.Store.Factors(r.Context(), v.Account.ID)
	if err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	page := &securityPage{Account: v.Account, Factors: f, Notice: r.URL.Query().Get("geaendert")}
	c.Portal.Render(w, r, http.StatusOK, "sicherheit", page)
}
