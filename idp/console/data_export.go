package console

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"mvnk/idp/account"
)

// dataExport is "Meine Daten herunterladen" (DSGVO Art. 15 access and
// Art. 20 portability: structured, machine-readable, complete).
type dataExport struct {
	Created       time.Time           `json:"created"`
	Account       *account.Account    `json:"account"`
	Attributes    []account.Attribute `json:"attributes"`
	Sessions      []exportSession     `json:"sessions"`
	SecondFactors exportFactors       `json:"second_factors"`
	Services      []exportService     `json:"connected_services"`
}

type exportSession struct {
	SID      string    `json:"sid"`
	AuthTime time.Time `json:"auth_time"`
	Created  time.Time `json:"created"`
	LastSeen time.Time `json:"last_seen"`
	ACR      string    `json:"acr"`
	AMR      []string  `json:"amr"`
	Current  bool      `json:"current"`
}

// exportService is a service the account let in (a consent).
type exportService struct {
	ClientID  string    `json:"client_id"`
	Name      string    `json:"name"`
	Scopes    []string  `json:"scopes"`
	GrantedAt time.Time `json:"granted_at"`
}

type exportFactors struct {
	TOTP          bool `json:"totp"`
	Passkeys      int  `json:"passkeys"`
	RecoveryCodes int  `json:"unused_recovery_codes"`
}

// export sends the download as a JSON attachment, never cached.
func (c *Console) export(w http.ResponseWriter, r *http.Request, v *Viewer) {
	data, err := c.collect(r.Context(), v)
	if err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="mv-nutzerkonto-daten.json"`)
	h.Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(data)
}

func (c *Console) collect(ctx context.Context, v *Viewer) (*dataExport, error) {
	st := c.Accounts.Store
	d := &dataExport{Created: c.Login.Sessions.Now().UTC(), Account: v.Account, Sessions: []exportSession{}}
	var err error
	if d.Attributes, err = st.Attributes(ctx, v.Account.ID); err != nil {
		return nil, err
	}
	f, err := st.Factors(ctx, v.Account.ID)
	if err != nil {
		return nil, err
	}
	d.SecondFactors = exportFactors{TOTP: f.TOTP, Passkeys: f.Passkeys, RecoveryCodes: f.RecoveryCodes}
	if err := c.exportSessions(ctx, v, d); err != nil {
		return nil, err
	}
	return d, c.exportServices(ctx, v, d)
}

func (c *Console) exportServices(ctx context.Context, v *Viewer, d *dataExport) error {
	d.Services = []exportService{}
	if c.Grants == nil {
		return nil
	}
	list, err := c.Grants.Consents(ctx, v.Account.ID)
	for _, g := range list {
		d.Services = append(d.Services, exportService{ClientID: g.ClientID, Name: g.ClientName,
			Scopes: g.Scopes, GrantedAt: g.GrantedAt})
	}
	return err
}

func (c *Console) exportSessions(ctx context.Context, v *Viewer, d *dataExport) error {
	list, err := c.Login.Sessions.List(ctx, v.Account.ID)
	for _, s := range list {
		d.Sessions = append(d.Sessions, exportSession{SID: s.SID, AuthTime: s.AuthTime, Created: s.Created,
			LastSeen: s.LastSeen, ACR: s.ACR, AMR: s.AMR, Current: s.SID == v.Session.SID})
	}
	return err
}
