package console

import (
	"errors"
	"net/http"

	"mvnk/idp/account"
	"mvnk/portal"
)

// passwordForm is the change-password form as sent.
type passwordForm struct {
	current, password, repeat string
	username, email           string // the policy refuses these as password
}

func parsePasswordForm(r *http.Request, a *account.Account) passwordForm {
	return passwordForm{current: r.PostFormValue("current_password"), password: r.PostFormValue("password"),
		repeat: r.PostFormValue("password_repeat"), username: a.Username, email: a.Email}
}

// Validate: the current password given, the new one within the policy
// (NIST SP 800-63B §5.1.1.2, account.CheckPassword), repeated the same.
func (f passwordForm) Validate() []portal.FieldError {
	var errs []portal.FieldError
	if f.current == "" {
		errs = append(errs, fieldError("current_password", msgCurrentMissing))
	}
	if problems := account.CheckPassword(f.password, f.username, f.email); len(problems) > 0 {
		errs = append(errs, fieldError("password", problems[0]))
	}
	if f.password != f.repeat {
		errs = append(errs, fieldError("password_repeat", msgRepeatDiffers))
	}
	return errs
}

func (c *Console) showPassword(w http.ResponseWriter, r *http.Request, v *Viewer) {
	c.Portal.Render(w, r, http.StatusOK, "passwort", &consolePage{})
}

// submitPassword checks the current password (throttled like a login),
// sets the new one, ends the account's other sessions and sends a notice.
func (c *Console) submitPassword(w http.ResponseWriter, r *http.Request, v *Viewer) {
	form := parsePasswordForm(r, v.Account)
	errs := form.Validate()
	if len(errs) == 0 {
		errs = c.checkCurrent(r, v.Account, form.current, "current_password")
	}
	if len(errs) > 0 {
		c.Portal.Render(w, r, http.StatusUnprocessableEntity, "passwort", &consolePage{portal.Page{Errors: errs}})
		return
	}
	if err := c.changePassword(r, v, form.password); err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, pathSecurity+"?geaendert=passwort", http.StatusSeeOther)
}

func (c *Console) changePassword(r *http.Request, v *Viewer, password string) error {
	ctx := r.Context()
	if _, err := c.Accounts.SetPassword(ctx, v.Account.ID, password); err != nil {
		return err
	}
	if _, err := c.Login.Sessions.EndOthers(ctx, v.Account.ID, v.Session.SID); err != nil {
		return err
	}
	return c.sendPasswordChanged(ctx, v.Account.Email)
}

// checkCurrent re-authenticates with the current password. It goes
// through the login's throttle, so a stolen session cannot guess it.
func (c *Console) checkCurrent(r *http.Request, a *account.Account, password, field string) []portal.FieldError {
	_, err := c.Accounts.Authenticate(r.Context(), account.Attempt{Login: a.Username, Password: password,
		StaffClient: a.Kind == account.Staff})
	var throttled *account.ThrottledError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &throttled):
		return []portal.FieldError{fieldError(field, msgThrottled, int(throttled.RetryAfter.Seconds())+1)}
	case errors.Is(err, account.ErrInvalidCredentials):
		return []portal.FieldError{fieldError(field, msgCurrentWrong)}
	}
	c.Log.Error("console: password check", "err", err)
	return []portal.FieldError{fieldError(field, msgCurrentWrong)}
}
