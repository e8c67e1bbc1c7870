package console

import (
	"context"
	"errors"
	"net/http"
	"time"

	"mvnk/idp"
	"mvnk/store"
)

// Grants are the services an account has let in (the provider's consents).
type Grants interface {
	Consents(ctx context.Context, accountID string) ([]idp.Consent, error)
	// RevokeConsent takes the consent back and revokes the client's
	// tokens for the account.
	RevokeConsent(ctx context.Context, accountID, clientID string) error
}

const (
	pathServices      = Path + "/dienste"
	pathServiceRevoke = pathServices + "/entziehen"
)

func (c *Console) mountServices(mux *http.ServeMux) {
	mux.HandleFunc("GET "+pathServices, c.viewer(c.showServices))
	mux.HandleFunc("POST "+pathServiceRevoke, c.viewer(c.revokeService))
}

type servicesPage struct {
	consolePage
	Services []serviceRow
	Revoked  bool
}

// serviceRow is one connected service: its name, since when, which data.
type serviceRow struct {
	ClientID, Name string
	Since          time.Time
	Data           []idp.ScopeText
}

func (c *Console) showServices(w http.ResponseWriter, r *http.Request, v *Viewer) {
	page := &servicesPage{Revoked: r.URL.Query().Get("entzogen") == "1"}
	if c.Grants != nil {
		list, err := c.Grants.Consents(r.Context(), v.Account.ID)
		if err != nil {
			c.Portal.ServerError(w, r, err)
			return
		}
		for _, g := range list {
			page.Services = append(page.Services, serviceRow{ClientID: g.ClientID, Name: g.ClientName,
				Since: g.GrantedAt, Data: idp.DescribeScopes(g.Scopes)})
		}
	}
	c.Portal.Render(w, r, http.StatusOK, "dienste", page)
}

// confirmRevokePage asks before the access is withdrawn.
type confirmRevokePage struct {
	consolePage
	ClientID, Name string
}

// revokeService withdraws a service's access ("Zugriff entziehen") after
// a confirmation page; Protect has checked the CSRF token of both posts.
func (c *Console) revokeService(w http.ResponseWriter, r *http.Request, v *Viewer) {
	id := r.PostFormValue("client_id")
	if c.Grants == nil || id == "" {
		http.Redirect(w, r, pathServices, http.StatusSeeOther)
		return
	}
	if r.PostFormValue("bestaetigt") != "ja" {
		c.Portal.Render(w, r, http.StatusOK, "dienste-entziehen",
			&confirmRevokePage{ClientID: id, Name: c.serviceName(r.Context(), v.Account.ID, id)})
		return
	}
	err := c.Grants.RevokeConsent(r.Context(), v.Account.ID, id)
	if err != nil && !errors.Is(err, store.ErrNotFound) { // already gone: the same result
		c.Portal.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, pathServices+"?entzogen=1", http.StatusSeeOther)
}

// serviceName is the name of a connected service, or its id.
func (c *Console) serviceName(ctx context.Context, accountID, clientID string) string {
	list, err := c.Grants.Consents(ctx, accountID)
	if err == nil {
		for _, g := range list {
			if g.ClientID == clientID {
				return g.ClientName
			}
		}
	}
	return clientID
}
