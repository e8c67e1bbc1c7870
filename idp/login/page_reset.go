package login

import (
	"errors"
	"net/http"
	"strings"

	"mvnk/idp/account"
)

// forgotPage asks for the address; Sent shows the one answer.
type forgotPage struct {
	formPage
	Login string
	Sent  bool
}

func (l *Login) showForgot(w http.ResponseWriter, r *http.Request) {
	l.Portal.Render(w, r, http.StatusOK, "passwort-vergessen", &forgotPage{Sent: r.URL.Query().Get("gesendet") == "1"})
}

// submitForgot mails a reset link if the address (or username) names an
// account, and answers the same either way (account.RequestPasswordReset).
func (l *Login) submitForgot(w http.ResponseWriter, r *http.Request) {
	login := strings.TrimSpace(r.PostFormValue("login"))
	if login == "" {
		data := &forgotPage{}
		data.Errors = fieldError("login", msgLoginMissing)
		l.Portal.Render(w, r, http.StatusUnprocessableEntity, "passwort-vergessen", data)
		return
	}
	ctx := r.Context()
	token, acct, err := l.Accounts.RequestPasswordReset(ctx, login)
	if err == nil && token != "" {
		err = l.sendReset(ctx, acct.Email, token)
	}
	if err != nil {
		l.Portal.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, pathForgot+"?gesendet=1", http.StatusSeeOther)
}

// showReset shows the new-password form behind a valid link.
func (l *Login) showReset(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if _, err := l.Accounts.Store.CheckToken(r.Context(), token, account.PurposeResetPassword); err != nil {
		l.tokenFailed(w, r, err)
		return
	}
	l.Portal.Render(w, r, http.StatusOK, "passwort-neu", newTokenPage(token))
}

// submitReset sets the new password and ends the account's sessions: a
// reset after a break-in must lock the intruder out.
func (l *Login) submitReset(w http.ResponseWriter, r *http.Request) {
	token, password := r.PostFormValue("token"), r.PostFormValue("password")
	data := newTokenPage(token)
	if password != r.PostFormValue("password_repeat") {
		data.Errors = fieldError("password_repeat", msgRepeatDiffers)
		l.Portal.Render(w, r, http.StatusUnprocessableEntity, "passwort-neu", data)
		return
	}
	acct, err := l.Accounts.ResetPassword(r.Context(), token, password)
	var pe *account.PasswordError
	if errors.As(err, &pe) && len(pe.Problems) > 0 {
		data.Errors = fieldError("password", pe.Problems[0])
		l.Portal.Render(w, r, http.StatusUnprocessableEntity, "passwort-neu", data)
		return
	}
	if err == nil {
		err = l.Sessions.DeleteAccount(r.Context(), acct.ID)
	}
	if err != nil {
		l.tokenFailed(w, r, err)
		return
	}
	l.Portal.Render(w, r, http.StatusOK, "passwort-geaendert", newTokenPage(""))
}
