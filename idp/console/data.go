package console

import (
	"net/http"

	"mvnk/audit"
	"mvnk/portal"
)

// Paths of "Meine Daten herunterladen oder Konto löschen".
const (
	pathPrivacy = Path + "/datenschutz"
	pathExport  = pathPrivacy + "/export"
	pathDelete  = Path + "/loeschen"
	pathDeleted = Path + "/geloescht"
)

func (c *Console) mountData(mux *http.ServeMux) {
	mux.HandleFunc("GET "+pathPrivacy, c.viewer(c.showPrivacy))
	mux.HandleFunc("GET "+pathExport, c.viewer(c.export))
	mux.HandleFunc("POST "+pathDelete, c.viewer(c.deleteAccount))
	mux.HandleFunc("GET "+pathDeleted, c.showDeleted)
}

func (c *Console) showPrivacy(w http.ResponseWriter, r *http.Request, v *Viewer) {
	c.Portal.Render(w, r, http.StatusOK, "datenschutz-konto", &consolePage{})
}

// deleteAccount erases the account (DSGVO Art. 17) after the password is
// given again and the checkbox ticked: tokens and consents revoked,
// personal data erased, every session ended, the cookie cleared. The
// audit entry keeps the account id only.
func (c *Console) deleteAccount(w http.ResponseWriter, r *http.Request, v *Viewer) {
	var errs []portal.FieldError
	if r.PostFormValue("bestaetigen") != "ja" {
		errs = append(errs, fieldError("bestaetigen", msgConfirmMissing))
	}
	if len(errs) == 0 {
		errs = c.checkCurrent(r, v.Account, r.PostFormValue("current_password"), "current_password")
	}
	if len(errs) > 0 {
		c.Portal.Render(w, r, http.StatusUnprocessableEntity, "datenschutz-konto", &consolePage{portal.Page{Errors: errs}})
		return
	}
	if err := c.erase(w, r, v); err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, pathDeleted, http.StatusSeeOther)
}

func (c *Console) erase(w http.ResponseWriter, r *http.Request, v *Viewer) error {
	ctx, id := r.Context(), v.Account.ID
	if c.Tokens != nil {
		if err := c.Tokens.ForgetAccount(ctx, id); err != nil {
			return err
		}
	}
	if err := c.Login.EndSession(w, r, ""); err != nil { // clears the cookie
		return err
	}
	if err := c.Login.Sessions.DeleteAccount(ctx, id); err != nil {
		return err
	}
	if _, err := c.Accounts.Store.Delete(ctx, id); err != nil {
		return err
	}
	if c.Audit != nil {
		e := audit.Event{Type: audit.AccountDeleted, Actor: id, ActorKind: audit.ActorAccount, Subject: id}
		if err := c.Audit.Record(ctx, e); err != nil {
			c.Log.Error("console: audit log write failed", "err", err)
		}
	}
	return nil
}

// showDeleted is the goodbye page; it needs no session any more.
func (c *Console) showDeleted(w http.ResponseWriter, r *http.Request) {
	c.Portal.Render(w, r, http.StatusOK, "konto-geloescht", &consolePage{})
}
