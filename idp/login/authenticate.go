package login

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"time"

	"mvnk/idp"
	"mvnk/idp/account"
	"mvnk/portal"
)

// Authenticate implements idp.Authenticator: the browser's login session
// if it satisfies prompt=login and max_age (OIDC Core §3.1.2.1), else the
// login page — or, for prompt=none, nothing written. A client that needs
// more than Basisregistrierung is told that it cannot be reached here.
func (l *Login) Authenticate(w http.ResponseWriter, r *http.Request, req idp.LoginRequest) (*idp.Authentication, bool) {
	if req.MinTrustLevel > account.LevelBasisregistrierung {
		// A password proves Basisregistrierung only; higher levels need
		// the eID login, which is not here yet.
		if req.Interactive {
			l.Portal.Render(w, r, http.StatusForbidden, "login-niveau", &formPage{portal.Page{ReturnTo: "/"}})
		}
		return nil, false
	}
	a, acct, ok := l.current(r)
	if ok && !acct.MayUseClient(req.StaffClient) {
		// A staff session is not used at a citizen client, nor a citizen's
		// at a staff client: the browser must log out first.
		if req.Interactive {
			l.Portal.Render(w, r, http.StatusForbidden, "konto-nicht-zugelassen",
				&notAdmittedPage{Page: portal.Page{ReturnTo: "/"}, Staff: acct.Kind == account.Staff})
		}
		return nil, false
	}
	if ok && l.fresh(a, req) {
		return a, true
	}
	if !req.Interactive {
		return nil, false
	}
	http.Redirect(w, r, pathLogin+"?"+url.Values{"weiter": {req.ResumeURL}}.Encode(), http.StatusSeeOther)
	return nil, false
}

// fresh: prompt=login wants a login after the request was made, max_age
// one no older than it allows.
func (l *Login) fresh(a *idp.Authentication, req idp.LoginRequest) bool {
	if slices.Contains(req.Prompt, "login") && a.AuthTime.Before(req.RequestedAt.Truncate(time.Second)) {
		return false
	}
	return req.MaxAge == nil || l.now().Sub(a.AuthTime) <= *req.MaxAge
}

// notAdmittedPage: this account may not log in to the client (staff at a
// citizen service or the other way round).
type notAdmittedPage struct {
	portal.Page
	Staff bool // the logged-in account is a staff account
}

// current is the browser's live session of an active account.
func (l *Login) current(r *http.Request) (*idp.Authentication, *account.Account, bool) {
	var acct *account.Account
	sess, err := l.Sessions.Get(r.Context(), l.cookieID(r))
	if err == nil {
		acct, err = l.activeAccount(r.Context(), sess.AccountID)
	}
	if err != nil {
		if !errors.Is(err, ErrNoSession) {
			l.Log.Error("login: session lookup", "err", err)
		}
		return nil, nil, false
	}
	return &idp.Authentication{Subject: sess.AccountID, AuthTime: sess.AuthTime,
		ACR: sess.ACR, AMR: sess.AMR, SessionID: sess.SID}, acct, true
}

// stillActive: a disabled or deleted account ends its sessions at once.
func (l *Login) stillActive(ctx context.Context, id string) error {
	_, err := l.activeAccount(ctx, id)
	return err
}

// activeAccount is the account of a session, if it may still log in.
func (l *Login) activeAccount(ctx context.Context, id string) (*account.Account, error) {
	acct, err := l.Accounts.Store.GetByID(ctx, id)
	if errors.Is(err, account.ErrNoAccount) || (err == nil && acct.State != account.Active) {
		return nil, ErrNoSession
	}
	return acct, err
}

// EndSession implements idp.SessionEnder (RP-Initiated Logout 1.0 §2):
// the session sid (or, for "", the browser's) is deleted, and the
// browser's cookie cleared if it named that session.
func (l *Login) EndSession(w http.ResponseWriter, r *http.Request, sid string) error {
	id := l.cookieID(r)
	mine, err := l.Sessions.Get(r.Context(), id)
	ownCookie := err == nil && (sid == "" || mine.SID == sid)
	if ownCookie || (id != "" && errors.Is(err, ErrNoSession)) {
		l.clearCookie(w)
	}
	if ownCookie {
		return l.Sessions.Delete(r.Context(), id)
	}
	if sid == "" {
		return nil
	}
	return l.Sessions.DeleteSID(r.Context(), sid)
}
