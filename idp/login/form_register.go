package login

import (
	"net/http"
	"strings"

	"mvnk/idp/account"
	"mvnk/portal"
)

// registerForm is the registration form as sent.
type registerForm struct {
	Username, Email string
	password        string
	repeat          string
}

func parseRegisterForm(r *http.Request) registerForm {
	return registerForm{Username: strings.TrimSpace(r.PostFormValue("username")),
		Email: strings.TrimSpace(r.PostFormValue("email")), password: r.PostFormValue("password"),
		repeat: r.PostFormValue("password_repeat")}
}

// Validate checks what the pages can check before the account store:
// required fields, the repeated password and the password policy
// (NIST SP 800-63B §5.1.1.2, account.CheckPassword).
func (f registerForm) Validate() []portal.FieldError {
	var errs []portal.FieldError
	if f.Username == "" {
		errs = append(errs, fieldError("username", msgUsernameMissing)...)
	}
	if f.Email == "" || !strings.Contains(f.Email, "@") {
		errs = append(errs, fieldError("email", msgEmailInvalid)...)
	}
	return append(errs, passwordErrors(f.password, f.repeat, f.Username, f.Email)...)
}

// passwordErrors checks a new password and its repetition.
func passwordErrors(password, repeat, username, email string) []portal.FieldError {
	var errs []portal.FieldError
	for _, key := range account.CheckPassword(password, username, email) {
		errs = append(errs, portal.FieldError{Field: "password", Key: key})
		break // one message per field; the first rule broken
	}
	if password != repeat {
		errs = append(errs, fieldError("password_repeat", msgRepeatDiffers)...)
	}
	return errs
}
