package login

import (
	"errors"
	"net/http"

	"mvnk/eid"
	"mvnk/idp/account"
	"mvnk/portal"
)

// finishEID is the callback of the identification: Complete, then the
// step-up of the browser's session, the login of the linked account, or
// the registration of a new one.
func (l *Login) finishEID(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	weiter := q.Get("weiter")
	if !l.ours(weiter) || l.Bridge == nil {
		l.Portal.Render(w, r, http.StatusBadRequest, "login-ungueltig", nil)
		return
	}
	handle := l.takeEIDCookie(w, r)
	if handle == "" || (q.Get("vorgang") != "" && q.Get("vorgang") != handle) {
		// Not this browser's identification: never log in or link by it.
		l.eidFailed(w, r, weiter, eid.ErrUnknownHandle)
		return
	}
	res, err := l.Bridge.Complete(r.Context(), handle, r)
	if err == nil && res.Level < eidLevel(q.Get("niveau")) {
		err = eid.ErrLevelTooLow
	}
	l.recordEID(r, "", res, err)
	if err != nil {
		l.eidFailed(w, r, weiter, err)
		return
	}
	if err := l.afterEID(w, r, res, weiter); err != nil {
		l.Portal.ServerError(w, r, err)
	}
}

// takeEIDCookie reads and clears the browser's identification handle.
func (l *Login) takeEIDCookie(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(l.cookieName() + "_eid")
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: c.Name, Value: "", Path: pathEID, MaxAge: -1,
		HttpOnly: true, Secure: l.cfg.Secure, SameSite: http.SameSiteLaxMode})
	return c.Value
}

// eidFailed ends the authorization with the OAuth error of the failure
// (egov-standards §7.4), or shows a page when there is none to end.
func (l *Login) eidFailed(w http.ResponseWriter, r *http.Request, weiter string, err error) {
	page := &eidPage{formPage: formPage{portal.Page{ReturnTo: "/"}}, Weiter: weiter}
	switch {
	case errors.Is(err, eid.ErrCancelled), errors.Is(err, eid.ErrDenied):
		if to := l.resumeError(weiter, "access_denied", "the identification was cancelled or refused"); to != "" {
			http.Redirect(w, r, to, http.StatusSeeOther)
			return
		}
		l.Portal.Render(w, r, http.StatusOK, "eid-abgebrochen", page)
	case errors.Is(err, eid.ErrLevelTooLow):
		l.unreachable(w, r, weiter)
	case errors.Is(err, eid.ErrUnknownHandle):
		l.Portal.Render(w, r, http.StatusBadRequest, "eid-abgelaufen", page)
	default:
		l.Portal.ServerError(w, r, err)
	}
}

// afterEID: with a session, the eID is linked to its account (step-up);
// without, the linked account logs in, or an unknown eID registers.
func (l *Login) afterEID(w http.ResponseWriter, r *http.Request, res *eid.Result, weiter string) error {
	id := l.eidIdentity(res)
	if a, acct, ok := l.current(r); ok {
		err := l.linkEID(r, acct.ID, id)
		if errors.Is(err, account.ErrLinkedElsewhere) {
			l.Portal.Render(w, r, http.StatusConflict, "eid-verknuepft", &eidPage{formPage: formPage{portal.Page{ReturnTo: "/"}}})
			return nil
		}
		if err != nil {
			return err
		}
		return l.eidLoggedIn(w, r, acct.ID, res, union(a.AMR, string(res.Means)), weiter)
	}
	owner, err := l.Accounts.Store.AccountByEID(r.Context(), id.Sector, id.Subject)
	if errors.Is(err, account.ErrNoLink) {
		return l.startEIDRegister(w, r, res, weiter)
	}
	if err != nil {
		return err
	}
	return l.eidLogin(w, r, owner, res, weiter)
}

// eidLogin logs the linked account in, if it may log in to the client.
func (l *Login) eidLogin(w http.ResponseWriter, r *http.Request, accountID string, res *eid.Result, weiter string) error {
	acct, err := l.activeAccount(r.Context(), accountID)
	c, _ := l.continuation(r, weiter)
	if errors.Is(err, ErrNoSession) || (err == nil && !acct.MayUseClient(c.StaffClient)) {
		l.Portal.Render(w, r, http.StatusForbidden, "konto-nicht-zugelassen",
			&notAdmittedPage{Page: portal.Page{ReturnTo: "/"}, Staff: acct != nil && acct.Kind == account.Staff})
		return nil
	}
	if err != nil {
		return err
	}
	return l.eidLoggedIn(w, r, accountID, res, []string{string(res.Means)}, weiter)
}

// eidLoggedIn writes the verified attributes and starts the session at
// the level proven.
func (l *Login) eidLoggedIn(w http.ResponseWriter, r *http.Request, accountID string, res *eid.Result, amr []string, weiter string) error {
	if err := l.writeEIDAttributes(r.Context(), accountID, res); err != nil {
		return err
	}
	if err := l.startEIDSession(w, r, accountID, res.Level, amr); err != nil {
		return err
	}
	http.Redirect(w, r, orHome(weiter), http.StatusSeeOther)
	return nil
}
