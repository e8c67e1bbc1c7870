package console

import (
	"errors"
	"net/http"
	"net/url"

	"mvnk/audit"
	"mvnk/idp/account"
	"mvnk/idp/login"
	"mvnk/portal"
)

// Paths of the passkey pages; start and fertig are the JSON endpoints
// passkey.js calls to register one (login.StartPasskeyRegistration).
const (
	pathPasskeys      = pathSecurity + "/passkeys"
	pathPasskeyStart  = pathPasskeys + "/start"
	pathPasskeyFinish = pathPasskeys + "/fertig"
	pathPasskeyRename = pathPasskeys + "/umbenennen"
	pathPasskeyRemove = pathPasskeys + "/entfernen"
)

func (c *Console) mountPasskeys(mux *http.ServeMux) {
	mux.HandleFunc("GET "+pathPasskeys, c.viewer(c.showPasskeys))
	mux.HandleFunc("POST "+pathPasskeyStart, c.viewer(c.startPasskey))
	mux.HandleFunc("POST "+pathPasskeyFinish, c.viewer(c.finishPasskey))
	mux.HandleFunc("POST "+pathPasskeyRename, c.viewer(c.renamePasskey))
	mux.HandleFunc("GET "+pathPasskeyRemove, c.viewer(c.confirmRemovePasskey))
	mux.HandleFunc("POST "+pathPasskeyRemove, c.viewer(c.removePasskey))
}

// passkeysPage lists the passkeys; Notice is "hinzugefuegt",
// "umbenannt" or "entfernt" after that action.
type passkeysPage struct {
	consolePage
	Passkeys []*account.Passkey
	Notice   string
	Max      int
}

// Msg and Field take the passkey messages of the login package.
func (p *passkeysPage) Msg(e portal.FieldError) string { return login.PasskeyText(e.Key, p.Lang) }

func (p *passkeysPage) Field(id string) portal.FieldState {
	for _, e := range p.Errors {
		if e.Field == id {
			return portal.FieldState{ID: id, Message: p.Msg(e)}
		}
	}
	return portal.FieldState{ID: id}
}

func (c *Console) showPasskeys(w http.ResponseWriter, r *http.Request, v *Viewer) {
	c.renderPasskeys(w, r, v, http.StatusOK, &passkeysPage{Notice: r.URL.Query().Get("geaendert")})
}

func (c *Console) renderPasskeys(w http.ResponseWriter, r *http.Request, v *Viewer, status int, page *passkeysPage) {
	list, err := c.Accounts.Store.Passkeys(r.Context(), v.Account.ID)
	if err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	page.Passkeys, page.Max = list, account.MaxPasskeys
	c.Portal.Render(w, r, status, "passkeys", page)
}

func (c *Console) startPasskey(w http.ResponseWriter, r *http.Request, v *Viewer) {
	c.Login.StartPasskeyRegistration(w, r, v.Account)
}

// finishPasskey stores the new passkey and sends the script back to the
// list, which says so.
func (c *Console) finishPasskey(w http.ResponseWriter, r *http.Request, v *Viewer) {
	p := c.Login.FinishPasskeyRegistration(w, r, v.Account)
	if p == nil {
		return
	}
	c.recordPasskey(r, v, audit.MFAPasskeyAdded, p)
	login.WriteJSON(w, http.StatusOK, map[string]string{"weiter": noticeURL("hinzugefuegt")})
}

func (c *Console) renamePasskey(w http.ResponseWriter, r *http.Request, v *Viewer) {
	id, name := r.PostFormValue("id"), r.PostFormValue("name")
	err := c.Accounts.Store.RenamePasskey(r.Context(), v.Account.ID, id, name)
	switch {
	case errors.Is(err, account.ErrPasskeyName):
		errs := []portal.FieldError{fieldError("name-"+id, login.PasskeyName)}
		c.renderPasskeys(w, r, v, http.StatusUnprocessableEntity, &passkeysPage{consolePage: consolePage{portal.Page{Errors: errs}}})
	case errors.Is(err, account.ErrNoPasskey):
		c.Portal.NotFound(w, r)
	case err != nil:
		c.Portal.ServerError(w, r, err)
	default:
		http.Redirect(w, r, noticeURL("umbenannt"), http.StatusSeeOther)
	}
}

func noticeURL(notice string) string {
	return pathPasskeys + "?" + url.Values{"geaendert": {notice}}.Encode()
}

// recordPasskey writes a passkey change to the audit log: the passkey's
// id and name, never its key.
func (c *Console) recordPasskey(r *http.Request, v *Viewer, event string, p *account.Passkey) {
	c.Login.RecordMFA(r, v.Account.ID, event, map[string]string{"passkey": p.ID, "name": p.Name})
}
