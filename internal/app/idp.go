package app

import (
	"net/http"
	"time"

	"mvnk/idp"
	"mvnk/idp/devlogin"
)

const clientCacheTTL = 5 * time.Second

// buildIdP creates the OpenID Connect provider with its login step. The
// login step's pages go on the page mux, behind the portal's CSRF check.
// Until accounts exist, only a development instance can log anyone in.
func (m *Main) buildIdP(pages *http.ServeMux) error {
	var login idp.Authenticator
	if !m.Config.Dev {
		closed, err := devlogin.NewUnavailable(m.Portal)
		if err != nil {
			return err
		}
		login = closed
	} else {
		dl, err := devlogin.New(m.Portal, m.Config.Issuer(), m.Logger)
		if err != nil {
			return err
		}
		dl.Mount(pages)
		login = dl
	}
	// Clients change rarely and are read several times per token request;
	// a change reaches every node within clientCacheTTL.
	clients := idp.NewClientCache(idp.NewClientStore(m.DB), clientCacheTTL)
	prov, err := idp.New(m.DB, clients, m.Keys, login, idp.Config{
		Issuer:    m.Config.Issuer(),
		MasterKey: m.master,
		Shell:     m.Portal,
	}, m.Logger)
	if err != nil {
		return err
	}
	m.IdP = prov
	return nil
}
