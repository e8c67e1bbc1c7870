package login

import (
	"errors"
	"net/http"
	"strings"

	"mvnk/idp/account"
)

// submitEIDRegister creates the account: active at once (it logs in by
// eID), no password, the e-mail address confirmed by link as at
// registration; linked to the eID and holding its attributes.
func (l *Login) submitEIDRegister(w http.ResponseWriter, r *http.Request) {
	weiter := r.PostFormValue("weiter")
	res, ok := l.eidPending(r)
	if !l.ours(weiter) || !ok {
		l.Portal.Render(w, r, http.StatusBadRequest, "eid-abgelaufen", &eidPage{})
		return
	}
	data := eidRegisterData(res, weiter)
	l.allowFormTarget(w, r, weiter)
	data.Username, data.Email = strings.TrimSpace(r.PostFormValue("username")), strings.TrimSpace(r.PostFormValue("email"))
	if data.Errors = eidRegisterErrors(data.Username, data.Email, nil); data.Errors == nil {
		acct := &account.Account{Kind: account.Citizen, Username: data.Username, Email: data.Email,
			State: account.Active, TrustLevel: int(res.Level)}
		err := l.Accounts.Store.Create(r.Context(), acct)
		if data.Errors = eidRegisterErrors(data.Username, data.Email, err); data.Errors == nil && err != nil {
			l.Portal.ServerError(w, r, err)
			return
		}
		if err == nil {
			l.registeredByEID(w, r, acct, weiter)
			return
		}
	}
	l.Portal.Render(w, r, http.StatusUnprocessableEntity, "eid-registrieren", data)
}

// registeredByEID links the new account, mails the confirmation link
// and logs it in.
func (l *Login) registeredByEID(w http.ResponseWriter, r *http.Request, acct *account.Account, weiter string) {
	res, _ := l.eidPending(r)
	err := l.linkEID(r, acct.ID, l.eidIdentity(res))
	if errors.Is(err, account.ErrLinkedElsewhere) { // registered twice at once
		_, _ = l.Accounts.Store.Delete(r.Context(), acct.ID)
		l.Portal.Render(w, r, http.StatusConflict, "eid-verknuepft", &eidPage{})
		return
	}
	var token string
	if err == nil {
		token, err = l.Accounts.Store.IssueToken(r.Context(), acct.ID, account.PurposeConfirmEmail, account.ConfirmTTL)
	}
	if err == nil {
		err = l.sendConfirm(r.Context(), acct.Email, acct.Username, token)
	}
	http.SetCookie(w, &http.Cookie{Name: l.eidPendingCookie(), Value: "", Path: pathEID, MaxAge: -1,
		HttpOnly: true, Secure: l.cfg.Secure, SameSite: http.SameSiteLaxMode})
	if err == nil {
		err = l.eidLoggedIn(w, r, acct.ID, res, []string{string(res.Means)}, weiter)
	}
	if err != nil {
		l.Portal.ServerError(w, r, err)
	}
}
