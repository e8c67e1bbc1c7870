package login

import (
	"errors"
	"net/http"

	"mvnk/idp/account"
	"mvnk/portal"
)

// tokenPage is a page behind a link with a token: it carries the token
// into its form, and its language switch goes to the start page.
type tokenPage struct {
	formPage
	Token string
}

func newTokenPage(token string) *tokenPage {
	return &tokenPage{formPage: formPage{portal.Page{ReturnTo: "/"}}, Token: token}
}

// showConfirm shows a button that confirms the address. The link itself
// changes nothing: mail scanners follow links (RFC 9110 §9.2.1, GET is
// safe).
func (l *Login) showConfirm(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if _, err := l.Accounts.Store.CheckToken(r.Context(), token, account.PurposeConfirmEmail); err != nil {
		l.tokenFailed(w, r, err)
		return
	}
	l.Portal.Render(w, r, http.StatusOK, "registrieren-bestaetigen", newTokenPage(token))
}

// submitConfirm uses the token up: the account becomes active.
func (l *Login) submitConfirm(w http.ResponseWriter, r *http.Request) {
	acct, err := l.Accounts.ConfirmEmail(r.Context(), r.PostFormValue("token"))
	if err != nil {
		l.tokenFailed(w, r, err)
		return
	}
	l.Log.Info("login: e-mail address confirmed", "account", acct.ID)
	l.Portal.Render(w, r, http.StatusOK, "registrieren-bereit", newTokenPage(""))
}

// tokenFailed: an unknown, used or expired link asks for a new one.
func (l *Login) tokenFailed(w http.ResponseWriter, r *http.Request, err error) {
	if !errors.Is(err, account.ErrTokenInvalid) {
		l.Portal.ServerError(w, r, err)
		return
	}
	l.Portal.Render(w, r, http.StatusBadRequest, "link-ungueltig", newTokenPage(""))
}
