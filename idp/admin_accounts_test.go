package idp_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/idp/account"
	"mvnk/internal/testutil/apidoc"
	"mvnk/store"
	"mvnk/store/storetest"
)

// accountAdminAPI is the admin API with its account routes; every answer
// is checked against the OpenAPI document.
func accountAdminAPI(t *testing.T, db *store.DB) *adminAPI {
	tokens := fakeTokens{adminToken: {Active: true, ClientID: "ops", Scopes: []string{idp.AdminScope}}}
	api := idp.NewAdminAPI(idp.NewClientStore(db), tokens, slog.New(slog.DiscardHandler))
	cheap := account.Params{MemoryKiB: 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
	api.Accounts = account.NewAuthenticator(account.NewStore(db), cheap, account.DefaultThrottle)
	mux := http.NewServeMux()
	api.Mount(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	a := &adminAPI{t: t, srv: srv}
	_, raw := a.do("GET", "/admin/v1/openapi.json", "", "")
	a.doc = apidoc.Parse(t, []byte(raw))
	return a
}

func TestAdminAPIAccountLifecycle(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		a := accountAdminAPI(t, db)
		resp, body := a.do("POST", "/admin/v1/accounts", adminToken, `{"kind": "staff", "username": "sb.krause",
			"email": "krause@amt.example", "email_verified": true, "password": "Bescheide schreiben sich nicht allein",
			"organisation": "Amt Peenetal/Loitz", "roles": ["gewerbe"]}`)
		require.Equal(t, http.StatusCreated, resp.StatusCode, body)
		acct := decode[account.Account](t, body)
		require.Equal(t, account.Active, acct.State)
		require.NotContains(t, body, "argon2id")

		resp, body = a.do("POST", "/admin/v1/accounts", adminToken, `{"kind": "staff", "username": "sb.x", "email": "x@amt.example"}`)
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, body)
		require.Equal(t, "organisation", decode[problemBody](t, body).Errors[0].Field)
		resp, _ = a.do("POST", "/admin/v1/accounts", adminToken, `{"username": "sb.krause", "email": "y@amt.example"}`)
		require.Equal(t, http.StatusConflict, resp.StatusCode)
		resp, _ = a.do("POST", "/admin/v1/accounts", adminToken, `{"username": "neu", "email": "n@amt.example", "admin": true}`)
		require.Equal(t, http.StatusBadRequest, resp.StatusCode, "unknown fields are refused")

		resp, body = a.do("GET", "/admin/v1/accounts?kind=staff", adminToken, "")
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Len(t, decode[struct{ Accounts []account.Account }](t, body).Accounts, 1)
		resp, body = a.do("POST", "/admin/v1/accounts/"+acct.ID+"/disable", adminToken, "")
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Equal(t, account.Disabled, decode[account.Account](t, body).State)
		resp, _ = a.do("DELETE", "/admin/v1/accounts/"+acct.ID, adminToken, "")
		require.Equal(t, http.StatusNoContent, resp.StatusCode)
		resp, _ = a.do("GET", "/admin/v1/accounts/"+acct.ID, adminToken, "")
		require.Equal(t, http.StatusNotFound, resp.StatusCode)
		a.doc = nil // an undocumented method: no schema to check against
		resp, _ = a.do("PUT", "/admin/v1/accounts/"+acct.ID, adminToken, "{}")
		require.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
		require.Equal(t, "GET, DELETE", resp.Header.Get("Allow"))
	}, idp.Migrations, account.Migrations)
}
