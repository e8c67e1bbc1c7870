package login

import (
	"errors"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"

	"mvnk/idp"
	"mvnk/idp/account"
	"mvnk/portal"
)

// loginPage is the login form. The password is never sent back.
type loginPage struct {
	formPage
	Login  string
	Weiter string
	EID    bool // an eID bridge is there: "Mit Online-Ausweis anmelden"
}

// showLogin shows the form; a continuation must be our provider's.
func (l *Login) showLogin(w http.ResponseWriter, r *http.Request) {
	weiter := r.URL.Query().Get("weiter")
	if !l.ours(weiter) {
		l.Portal.Render(w, r, http.StatusBadRequest, "login-ungueltig", nil)
		return
	}
	l.allowFormTarget(w, r, weiter)
	l.Portal.Render(w, r, http.StatusOK, "login", l.loginData(weiter, ""))
}

func (l *Login) loginData(weiter, login string) *loginPage {
	// The continuation carries a sealed authorization request: the
	// language switch returns to the start page instead.
	return &loginPage{formPage: formPage{portal.Page{ReturnTo: "/"}}, Weiter: weiter, Login: login,
		EID: l.Bridge != nil}
}

// submitLogin checks the password and starts the session (Protect has
// checked the CSRF token).
func (l *Login) submitLogin(w http.ResponseWriter, r *http.Request) {
	weiter := r.PostFormValue("weiter")
	if !l.ours(weiter) {
		l.Portal.Render(w, r, http.StatusBadRequest, "login-ungueltig", nil)
		return
	}
	login, password := strings.TrimSpace(r.PostFormValue("login")), r.PostFormValue("password")
	data := l.loginData(weiter, login)
	l.allowFormTarget(w, r, weiter)
	if data.Errors = missing(login, password); len(data.Errors) > 0 {
		l.Portal.Render(w, r, http.StatusUnprocessableEntity, "login", data)
		return
	}
	acct, err := l.checkPassword(r, login, password, weiter)
	if err != nil {
		l.recordLogin(r, acct, err)
		l.loginFailed(w, r, data, err)
		return
	}
	if err := l.afterPassword(w, r, acct, weiter); err != nil {
		l.Portal.ServerError(w, r, err)
	}
}

// afterPassword starts the session, or, for staff and for an account
// with a second factor, a pending login that asks for it first.
func (l *Login) afterPassword(w http.ResponseWriter, r *http.Request, acct *account.Account, weiter string) error {
	need, err := l.needsSecondFactor(r, acct)
	if err != nil {
		return err
	}
	if need {
		if err := l.startPending(w, r, acct.ID, weiter); err != nil {
			return err
		}
		http.Redirect(w, r, pathSecondFactor, http.StatusSeeOther)
		return nil
	}
	l.recordLogin(r, acct, nil)
	if err := l.startSession(w, r, acct.ID); err != nil {
		return err
	}
	http.Redirect(w, r, orHome(weiter), http.StatusSeeOther)
	return nil
}

// checkPassword checks the password for the client the login continues
// to: a staff account only for a client marked for staff, a citizen
// account never (account.MayUseClient). A login for the account console
// continues to no client and takes either kind; a staff account still
// passes its second factor before it has a session.
func (l *Login) checkPassword(r *http.Request, login, password, weiter string) (*account.Account, error) {
	c, ok := l.continuation(r, weiter)
	return l.Accounts.Authenticate(r.Context(), account.Attempt{Login: login, Password: password,
		IP: clientIP(r), StaffClient: c.StaffClient, AnyKind: !ok})
}

func missing(login, password string) []portal.FieldError {
	var errs []portal.FieldError
	if login == "" {
		errs = append(errs, fieldError("login", msgLoginMissing)...)
	}
	if password == "" {
		errs = append(errs, fieldError("password", msgPasswordEmpty)...)
	}
	return errs
}

// loginFailed shows the form again with one message for an unknown login
// and a wrong password alike (account.ErrInvalidCredentials).
func (l *Login) loginFailed(w http.ResponseWriter, r *http.Request, data *loginPage, err error) {
	var throttled *account.ThrottledError
	switch {
	case errors.As(err, &throttled):
		secs := int(math.Ceil(throttled.RetryAfter.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		data.Errors = fieldError("login", msgThrottled, secs)
		l.Portal.Render(w, r, http.StatusTooManyRequests, "login", data)
	case errors.Is(err, account.ErrInvalidCredentials):
		data.Errors = fieldError("login", msgLoginFailed)
		l.Portal.Render(w, r, http.StatusUnprocessableEntity, "login", data)
	case errors.Is(err, account.ErrNotConfirmed):
		data.Errors = fieldError("login", msgNotConfirmed)
		l.Portal.Render(w, r, http.StatusUnprocessableEntity, "login", data)
	default:
		l.Portal.ServerError(w, r, err)
	}
}

// startSession replaces the browser's session by a new one (a new id at
// every login: no session fixation).
func (l *Login) startSession(w http.ResponseWriter, r *http.Request, accountID string) error {
	return l.startSessionAMR(w, r, accountID, []string{amrPassword})
}

// startSessionAMR is startSession for a login proven by amr (RFC 8176).
func (l *Login) startSessionAMR(w http.ResponseWriter, r *http.Request, accountID string, amr []string) error {
	if old := l.cookieID(r); old != "" {
		if err := l.Sessions.Delete(r.Context(), old); err != nil {
			return err
		}
	}
	id, _, err := l.Sessions.Create(r.Context(), accountID, acrPassword, amr)
	if err != nil {
		return err
	}
	l.setCookie(w, id, l.Sessions.Absolute)
	return l.Portal.RenewCSRF(w, r)
}

// ours: an empty continuation, the provider's resume endpoint or a page
// of the account console (/konto…), never another site (no open
// redirect: "//host" and "/\\host" are not local paths).
func (l *Login) ours(weiter string) bool {
	return weiter == "" || strings.HasPrefix(weiter, l.cfg.Issuer+"/oauth2/auth/resume?") || localConsolePath(weiter)
}

// ConsolePath is where the account console lives; the login returns
// there after a login that started on one of its pages.
const ConsolePath = "/konto"

func localConsolePath(p string) bool {
	if p != ConsolePath && !strings.HasPrefix(p, ConsolePath+"/") && !strings.HasPrefix(p, ConsolePath+"?") {
		return false
	}
	return !strings.ContainsAny(p, "\\\r\n") && !strings.Contains(p, "//")
}

func orHome(weiter string) string {
	if weiter == "" {
		return "/"
	}
	return weiter
}

// clientIP is the peer's address, for the per-address throttle.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// continuation is what the provider says of the authorization weiter
// continues; false for none (a login for the account console).
func (l *Login) continuation(r *http.Request, weiter string) (idp.Continuation, bool) {
	if l.Continuation == nil || weiter == "" {
		return idp.Continuation{}, false
	}
	return l.Continuation(r.Context(), weiter)
}

// allowFormTarget lets the page's forms end at the client the
// continuation returns to; without it the browser would block the last
// redirect of the login.
func (l *Login) allowFormTarget(w http.ResponseWriter, r *http.Request, weiter string) {
	if c, ok := l.continuation(r, weiter); ok && c.Origin != "" {
		w.Header().Set("Content-Security-Policy", portal.CSPWithFormAction(c.Origin))
	}
}
