package app

import (
	"net/http"
	"strings"
	"time"

	"mvnk/idp"
	"mvnk/idp/account"
	"mvnk/idp/console"
	"mvnk/idp/devlogin"
	"mvnk/idp/login"
	"mvnk/portal"
)

const clientCacheTTL = 5 * time.Second

// buildIdP creates the OpenID Connect provider with its login step, the
// web login of idp/login. The login step's pages and the consent answer go
// on the page mux, behind the portal's CSRF check. The console, built with
// the login before the provider, gets the provider's consents and tokens.
func (m *Main) buildIdP(pages, protocol *http.ServeMux) error {
	auth, err := m.buildLogin(pages, protocol)
	if err != nil {
		return err
	}
	// Clients change rarely and are read several times per token request;
	// a change reaches every node within clientCacheTTL.
	clients := idp.NewClientCache(idp.NewClientStore(m.DB), clientCacheTTL)
	prov, err := idp.New(m.DB, clients, m.Keys, auth, idp.Config{
		Issuer:    m.Config.Issuer(),
		MasterKey: m.master,
		Shell:     m.Portal,
		Audit:     m.Audit,
		Claims:    accountClaims{store: account.NewStore(m.DB)},
	}, m.Logger)
	if err != nil {
		return err
	}
	prov.MountPages(pages)
	m.Console.Grants, m.Console.Tokens = prov, prov
	m.Console.Login.Continuation = prov.ResumeContinuation
	m.Console.Login.ResumeError = prov.ResumeError
	m.Console.Login.Sessions.OnEnd = prov.EndLoginSession
	m.IdP = prov
	return nil
}

// buildLogin wires the web login. A development instance keeps the demo
// persons of devlogin for login_hint=dev:<person> (load tests, scripts)
// and its page at /anmelden/testperson.
func (m *Main) buildLogin(pages, protocol *http.ServeMux) (idp.Authenticator, error) {
	accounts := accountAuthenticator(m.DB, m.Config.Login)
	accounts.Logger = m.Logger
	web, err := login.New(m.Portal, m.DB, accounts, m.Mail,
		login.Config{Issuer: m.Config.Issuer(), Secure: m.Config.HTTPS(), MasterKey: m.master}, m.Logger)
	if err != nil {
		return nil, err
	}
	web.Audit = m.Audit
	if web.Bridge, err = m.buildEID(protocol); err != nil {
		return nil, err
	}
	sessionLimits(web.Sessions, m.Config.Login)
	web.Mount(pages)
	con, err := console.New(m.Portal, web, m.Logger)
	if err != nil {
		return nil, err
	}
	con.Mount(pages)
	m.Console = con
	m.Portal.AddNav(portal.NavItem{Href: "/anmelden", Label: "nav.login", Description: "nav.login_description", Show: portal.NavLoggedOut})
	m.Portal.AddNav(portal.NavItem{Href: "/registrieren", Label: "nav.register", Description: "nav.register_description", Show: portal.NavLoggedOut})
	m.Portal.AddNav(portal.NavItem{Href: console.Path, Label: "nav.account", Description: "nav.account_description"})
	m.Jobs.Every("login.sessions_purge", time.Hour, web.Sessions.Purge)
	if !m.Config.Dev {
		return web, nil
	}
	dl, err := devlogin.New(m.Portal, m.Config.Issuer(), m.Logger)
	if err != nil {
		return nil, err
	}
	dl.Mount(pages)
	return devHints{dev: dl, web: web}, nil
}

// devHints sends authorization requests with a devlogin hint to the demo
// login, takes a demo login made on its page, and otherwise is the web
// login.
type devHints struct {
	dev *devlogin.Login
	web *login.Login
}

func (d devHints) Authenticate(w http.ResponseWriter, r *http.Request, req idp.LoginRequest) (*idp.Authentication, bool) {
	if strings.HasPrefix(req.LoginHint, devlogin.HintPrefix) {
		return d.dev.Authenticate(w, r, req)
	}
	quiet := req
	quiet.Interactive = false // only asks for a demo login, writes nothing
	if a, ok := d.dev.Authenticate(w, r, quiet); ok {
		return a, true
	}
	return d.web.Authenticate(w, r, req)
}

// EndSession ends the session in both, whichever holds it.
func (d devHints) EndSession(w http.ResponseWriter, r *http.Request, sid string) error {
	errDev := d.dev.EndSession(w, r, sid)
	if err := d.web.EndSession(w, r, sid); err != nil {
		return err
	}
	return errDev
}
