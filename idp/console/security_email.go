package console

import (
	"errors"
	"net/http"
	"strings"

	"mvnk/idp/account"
	"mvnk/portal"
)

type emailPage struct {
	consolePage
	Account *account.Account
	Email   string // as typed
	Sent    string // the new address a link went to
}

func (c *Console) showEmail(w http.ResponseWriter, r *http.Request, v *Viewer) {
	c.Portal.Render(w, r, http.StatusOK, "email", &emailPage{Account: v.Account})
}

// submitEmail sends a single-use link to the new address; the address
// changes only when it comes back (email_confirm.go). The current
// password is asked again: a stolen session alone must not move the
// account to another mailbox.
func (c *Console) submitEmail(w http.ResponseWriter, r *http.Request, v *Viewer) {
	email := strings.TrimSpace(r.PostFormValue("email"))
	errs := c.emailErrors(v.Account, email)
	if len(errs) == 0 {
		errs = c.checkCurrent(r, v.Account, r.PostFormValue("current_password"), "current_password")
	}
	page := &emailPage{consolePage: consolePage{portal.Page{Errors: errs}}, Account: v.Account, Email: email}
	if len(errs) > 0 {
		c.Portal.Render(w, r, http.StatusUnprocessableEntity, "email", page)
		return
	}
	if err := c.requestEmailChange(r, v, email); err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	page.Sent = email
	c.Portal.Render(w, r, http.StatusOK, "email", page)
}

func (c *Console) emailErrors(a *account.Account, email string) []portal.FieldError {
	var errs []portal.FieldError
	switch {
	case !strings.Contains(email, "@") || len(email) > 254:
		errs = append(errs, fieldError("email", msgEmailInvalid))
	case strings.EqualFold(email, a.Email):
		errs = append(errs, fieldError("email", msgEmailSame))
	}
	return errs
}

// requestEmailChange issues the token and queues the mail. An address of
// another account gets a notice instead of a link, and the page says the
// same either way: the console does not tell who else has an account.
func (c *Console) requestEmailChange(r *http.Request, v *Viewer, email string) error {
	ctx := r.Context()
	token, err := c.Accounts.Store.RequestEmailChange(ctx, v.Account.ID, email)
	var invalid *account.ValidationError
	switch {
	case errors.Is(err, account.ErrEmailTaken):
		return c.sendEmailTaken(ctx, email)
	case errors.As(err, &invalid):
		return nil // checked above; a rarer form (display name) is ignored
	case err != nil:
		return err
	}
	return c.sendEmailChange(ctx, email, v.Account.Username, token)
}
