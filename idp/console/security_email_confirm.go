package console

import (
	"errors"
	"net/http"

	"mvnk/idp/account"
)

type emailConfirmPage struct {
	consolePage
	Token string
	Email string // the address now confirmed
}

// showEmailConfirm shows a button behind the link: a GET never uses the
// token up, since mail scanners open links (as the registration does).
func (c *Console) showEmailConfirm(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if _, err := c.Accounts.Store.CheckToken(r.Context(), token, account.PurposeChangeEmail); err != nil {
		c.emailLinkInvalid(w, r, err)
		return
	}
	c.Portal.Render(w, r, http.StatusOK, "email-bestaetigen", &emailConfirmPage{Token: token})
}

func (c *Console) submitEmailConfirm(w http.ResponseWriter, r *http.Request) {
	acct, old, err := c.Accounts.Store.ConfirmEmailChange(r.Context(), r.PostFormValue("token"))
	if err != nil {
		c.emailLinkInvalid(w, r, err)
		return
	}
	if err := c.sendEmailChanged(r.Context(), old, acct.Email); err != nil {
		c.Log.Error("console: e-mail change notice", "err", err) // the change stands
	}
	c.Portal.Render(w, r, http.StatusOK, "email-geaendert", &emailConfirmPage{Email: acct.Email})
}

// emailLinkInvalid: an unknown, used or expired link, or an address
// another account took meanwhile, all ask for a new link.
func (c *Console) emailLinkInvalid(w http.ResponseWriter, r *http.Request, err error) {
	if !errors.Is(err, account.ErrTokenInvalid) && !errors.Is(err, account.ErrEmailTaken) {
		c.Portal.ServerError(w, r, err)
		return
	}
	page := &consolePage{}
	page.ReturnTo = "/" // the query carries the token
	c.Portal.Render(w, r, http.StatusBadRequest, "email-link-ungueltig", page)
}
