package idp_test

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/audit"
	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// recorder keeps the audit events the admin API writes.
type recorder struct {
	mu     sync.Mutex
	events []audit.Event
}

func (r *recorder) Record(_ context.Context, e audit.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	return nil
}

func (r *recorder) last() audit.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.events[len(r.events)-1]
}

// The admin API's client resource carries postfach_senders: set on
// create, replaced by PATCH, refused when invalid, and every change of
// it in the audit log with the names.
func TestAdminAPIClientPostfachSenders(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		a := newAdminAPI(t, db)
		rec := &recorder{}
		a.api.Audit = rec
		resp, body := a.do("POST", "/admin/v1/clients", adminToken, `{"client_name": "Fachverfahren",
			"owner": "Landesamt", "grant_types": ["client_credentials"], "scopes": ["postfach.send"],
			"postfach_senders": ["Landkreis Rostock", "Hansestadt Rostock"]}`)
		require.Equal(t, http.StatusCreated, resp.StatusCode, body)
		c := decode[idp.ClientResource](t, body)
		require.Equal(t, []string{"Landkreis Rostock", "Hansestadt Rostock"}, c.PostfachSenders)
		require.Equal(t, audit.AdminClientCreated, rec.last().Type)
		require.Equal(t, `"Landkreis Rostock", "Hansestadt Rostock"`, rec.last().Details["postfach_senders"])

		resp, body = a.do("PATCH", "/admin/v1/clients/"+c.ID, adminToken, `{"postfach_senders": ["Landkreis\nRostock", ""]}`)
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, body)
		p := decode[problemBody](t, body)
		require.Equal(t, []string{"postfach_senders[0]", "postfach_senders[1]"},
			[]string{p.Errors[0].Field, p.Errors[1].Field})

		resp, body = a.do("PATCH", "/admin/v1/clients/"+c.ID, adminToken, `{"postfach_senders": []}`)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		require.Empty(t, decode[idp.ClientResource](t, body).PostfachSenders)
		require.Equal(t, audit.AdminClientUpdated, rec.last().Type)
		require.Contains(t, rec.last().Details["postfach_senders"], "nur als Owner")
		senders, err := idp.NewClientStore(db).PostfachSenders(context.Background(), c.ID)
		require.NoError(t, err)
		require.Equal(t, []string{"Landesamt"}, senders)

		_, body = a.do("GET", "/admin/v1/clients/"+c.ID, adminToken, "")
		require.Contains(t, body, `"postfach_senders":[]`, "always in the resource, as the document requires")
	}, idp.Migrations)
}
