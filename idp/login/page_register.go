package login

import (
	"errors"
	"net/http"

	"mvnk/idp/account"
	"mvnk/portal"
)

// registerPage is the registration form; passwords are never sent back.
type registerPage struct {
	formPage
	Form registerForm
	Sent bool // the form went through: "please confirm your address"
}

func (l *Login) showRegister(w http.ResponseWriter, r *http.Request) {
	data := &registerPage{Sent: r.URL.Query().Get("gesendet") == "1"}
	l.Portal.Render(w, r, http.StatusOK, "registrieren", data)
}

// submitRegister creates a pending citizen account and mails the
// confirmation link. An address that has an account already gets a mail
// saying so and the same answer, so the page reveals no accounts (OWASP
// Authentication Cheat Sheet, account enumeration).
func (l *Login) submitRegister(w http.ResponseWriter, r *http.Request) {
	form := parseRegisterForm(r)
	data := &registerPage{Form: form}
	if data.Errors = form.Validate(); len(data.Errors) > 0 {
		l.Portal.Render(w, r, http.StatusUnprocessableEntity, "registrieren", data)
		return
	}
	ctx := r.Context()
	acct, token, err := l.Accounts.Register(ctx, form.Username, form.Email, form.password)
	switch {
	case err == nil:
		err = l.sendConfirm(ctx, acct.Email, acct.Username, token)
	case errors.Is(err, account.ErrEmailTaken):
		err = l.sendTaken(ctx, form.Email)
	default:
		if data.Errors = registerErrors(err); data.Errors != nil {
			l.Portal.Render(w, r, http.StatusUnprocessableEntity, "registrieren", data)
			return
		}
	}
	if err != nil {
		l.Portal.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, pathRegister+"?gesendet=1", http.StatusSeeOther)
}

// registerErrors turns a refusal of the account store into form errors
// (nil: not the user's to fix).
func registerErrors(err error) []portal.FieldError {
	var ve *account.ValidationError
	var pe *account.PasswordError
	switch {
	case errors.Is(err, account.ErrUsernameTaken):
		return fieldError("username", msgUsernameTaken)
	case errors.As(err, &pe) && len(pe.Problems) > 0:
		return fieldError("password", pe.Problems[0])
	case errors.As(err, &ve) && ve.Field == "username":
		return fieldError("username", msgUsernameInvalid)
	case errors.As(err, &ve) && ve.Field == "email":
		return fieldError("email", msgEmailInvalid)
	}
	return nil
}
