package console

import (
	"errors"
	"net/http"

	"mvnk/idp/account"
	"mvnk/portal"
)

const pathProfile = Path + "/daten"

func (c *Console) mountProfile(mux *http.ServeMux) {
	mux.HandleFunc("GET "+pathProfile, c.viewer(c.showProfile))
	mux.HandleFunc("POST "+pathProfile, c.viewer(c.submitProfile))
}

type profilePage struct {
	consolePage
	Account *account.Account
	Fields  []profileField
	Saved   bool
}

func (c *Console) showProfile(w http.ResponseWriter, r *http.Request, v *Viewer) {
	attrs, err := c.attributes(r, v)
	if err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	page := &profilePage{Account: v.Account, Saved: r.URL.Query().Get("gespeichert") == "1"}
	page.Fields = profileFields(attrs, nil)
	c.Portal.Render(w, r, http.StatusOK, "daten", page)
}

// submitProfile stores what changed: an emptied field deletes the
// self-declared attribute; proven ones are not touched.
func (c *Console) submitProfile(w http.ResponseWriter, r *http.Request, v *Viewer) {
	attrs, err := c.attributes(r, v)
	if err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	editable := func(name string) bool { a, ok := attrs[name]; return !ok || a.Source == account.SourceSelf }
	form := parseProfileForm(r, editable, c.Login.Sessions.Now())
	if errs := form.Validate(); len(errs) > 0 {
		page := &profilePage{consolePage: consolePage{portal.Page{Errors: errs}}, Account: v.Account}
		page.Fields = profileFields(attrs, &form)
		c.Portal.Render(w, r, http.StatusUnprocessableEntity, "daten", page)
		return
	}
	if err := c.saveProfile(r, v, attrs, form); err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, pathProfile+"?gespeichert=1", http.StatusSeeOther)
}

func (c *Console) saveProfile(r *http.Request, v *Viewer, attrs map[string]account.Attribute, f profileForm) error {
	st, ctx := c.Accounts.Store, r.Context()
	for _, name := range profileAttrs {
		val, ok := f.Values[name]
		if !ok || val == attrs[name].Value {
			continue
		}
		var err error
		if val == "" {
			err = st.DeleteAttribute(ctx, v.Account.ID, name)
		} else {
			err = st.SetAttribute(ctx, v.Account.ID, account.Attribute{Name: name, Value: val,
				Source: account.SourceSelf, Level: account.LevelBasisregistrierung})
		}
		if err != nil && !errors.Is(err, account.ErrLowerLevel) { // proven meanwhile: it stays
			return err
		}
	}
	return nil
}

// attributes are the account's attributes by name.
func (c *Console) attributes(r *http.Request, v *Viewer) (map[string]account.Attribute, error) {
	list, err := c.Accounts.Store.Attributes(r.Context(), v.Account.ID)
	byName := map[string]account.Attribute{}
	for _, a := range list {
		byName[a.Name] = a
	}
	return byName, err
}
