package login

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"time"

	"mvnk/eid/trust"
	"mvnk/idp"
	"mvnk/idp/account"
	"mvnk/portal"
)

// Authenticate implements idp.Authenticator: the browser's login session
// if it satisfies prompt=login, max_age (OIDC Core §3.1.2.1) and the
// client's minimum trust level, else the login page — or, for
// prompt=none, nothing written. A session below the level is stepped up
// by eID (eid_*.go); it is never given to the client as it is.
func (l *Login) Authenticate(w http.ResponseWriter, r *http.Request, req idp.LoginRequest) (*idp.Authentication, bool) {
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
	need := req.MinTrustLevel
	fresh := ok && l.fresh(a, req)
	if fresh && sessionLevel(a) >= need {
		return a, true
	}
	if !req.Interactive {
		return nil, false // login_required (OIDC Core §3.1.2.6)
	}
	switch {
	case need > trust.Basis && !l.canReach(need):
		l.unreachable(w, r, req.ResumeURL)
	case fresh:
		http.Redirect(w, r, eidStartURL(req.ResumeURL, need), http.StatusSeeOther)
	default:
		http.Redirect(w, r, pathLogin+"?"+url.Values{"weiter": {req.ResumeURL}}.Encode(), http.StatusSeeOther)
	}
	return nil, false
}

// sessionLevel is the level a session's acr names (a STORK name).
func sessionLevel(a *idp.Authentication) trust.Level {
	l, _, _ := trust.Parse(a.ACR)
	return l
}

// canReach: the eID bridge can prove the level.
func (l *Login) canReach(need trust.Level) bool {
	return l.Bridge != nil && l.Bridge.MaxLevel() >= need
}

// unreachable ends the authorization with unmet_authentication_requirements
// (OpenID Connect Unmet Authentication Requirements 1.0), or, without
// one to end, says so on a page.
func (l *Login) unreachable(w http.ResponseWriter, r *http.Request, weiter string) {
	if to := l.resumeError(weiter, "unmet_authentication_requirements",
		"the trust level asked for cannot be reached"); to != "" {
		http.Redirect(w, r, to, http.StatusSeeOther)
		return
	}
	l.Portal.Render(w, r, http.StatusForbidden, "login-niveau", &formPage{portal.Page{ReturnTo: "/"}})
}

// resumeError is where the browser ends the authorization weiter
// continues with an OAuth error; "" when there is none.
func (l *Login) resumeError(weiter, code, description string) string {
	if l.ResumeError == nil || weiter == "" || localConsolePath(weiter) {
		return ""
	}
	return l.ResumeError(weiter, code, description)
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
