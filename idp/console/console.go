// Package console is "Mein Konto", the account's self-service console:
// personal data, security (password, e-mail, TOTP, passkeys, recovery
// codes), sessions, connected services, the data download and deleting
// the account. Its pages need the browser's login session (idp/login);
// without one they send the browser to the login and back.
package console

import (
	"context"
	"embed"
	"errors"
	"log/slog"
	"net/http"
	"net/url"

	"mvnk/idp/account"
	"mvnk/idp/login"
	"mvnk/portal"
	"mvnk/store"
)

//go:embed templates/*.html
var templateFS embed.FS

// Path is the console's start page.
const Path = login.ConsolePath

// Tokens ends what the provider issued for an account.
type Tokens interface {
	// ForgetAccount revokes every token and consent of the account.
	ForgetAccount(ctx context.Context, accountID string) error
}

// Console is the "Mein Konto" pages.
type Console struct {
	Portal   *portal.Portal
	Login    *login.Login
	Accounts *account.Authenticator
	DB       *store.DB      // where mails are queued with their change
	Mail     login.Mailer   // e-mail change confirmations
	Audit    login.Recorder // nil: changes are not audited
	Grants   Grants         // connected services (services.go)
	Tokens   Tokens
	Unread   Unread // the Postfach's unread count; nil: no Postfach
	Log      *slog.Logger
}

// New returns the console and adds its pages to the portal.
func New(p *portal.Portal, l *login.Login, logger *slog.Logger) (*Console, error) {
	if err := p.AddPages(templateFS, "templates"); err != nil {
		return nil, err
	}
	c := &Console{Portal: p, Login: l, Accounts: l.Accounts, DB: l.DB, Mail: l.Mail,
		Audit: l.Audit, Log: logger}
	// Every page of a logged-in browser shows the session countdown.
	p.SessionEnd, p.SessionExtend, p.SessionLogin, p.SessionLogout = c.sessionEnd, pathExtend, "/anmelden", PathLogout
	return c, nil
}

// Mount registers the pages on the portal's (CSRF-protected) page mux.
func (c *Console) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET "+Path, c.viewer(c.showOverview))
	c.mountProfile(mux)
	c.mountSecurity(mux)
	c.mountTOTP(mux)
	c.mountPasskeys(mux)
	c.mountSessions(mux)
	c.mountServices(mux)
	c.mountData(mux)
	c.mountLogout(mux)
}

// Viewer is the account looking at its console, with its login session.
type Viewer struct {
	Account *account.Account
	Session *login.Session
}

// viewerKey carries the request's Viewer once the console has read it.
type viewerKey struct{}

type viewerHandler func(w http.ResponseWriter, r *http.Request, v *Viewer)

// viewer runs h for the browser's logged-in account. Without a session a
// GET goes to the login and returns here; any other method goes to the
// console's start page through the login.
func (c *Console) viewer(h viewerHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sess, acct, err := c.Login.ViewerAccount(r)
		if errors.Is(err, login.ErrNoSession) {
			back := Path
			if r.Method == http.MethodGet {
				back = r.URL.RequestURI()
			}
			http.Redirect(w, r, "/anmelden?"+url.Values{"weiter": {back}}.Encode(), http.StatusSeeOther)
			return
		}
		if err != nil {
			c.Portal.ServerError(w, r, err)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		v := &Viewer{Account: acct, Session: sess}
		// The page's session countdown (sessionEnd) reuses what was read.
		h(w, r.WithContext(context.WithValue(r.Context(), viewerKey{}, v)), v)
	}
}
