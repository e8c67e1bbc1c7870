package idp

import (
	"log/slog"
	"net/http"
	"strings"

	"mvnk/idp/account"
)

// AdminAPI is the JSON API for managing clients and accounts (/admin/v1),
// described by the OpenAPI 3.1 document it serves at
// /admin/v1/openapi.json.
type AdminAPI struct {
	Clients  ClientStore
	Accounts *account.Authenticator // nil: no account routes
	Forget   AccountForgetter       // revokes a deleted account's tokens
	Tokens   TokenIntrospector
	Logger   *slog.Logger
	Audit    AuditRecorder // nil: actions are only logged
}

// NewAdminAPI wires the admin API.
func NewAdminAPI(clients ClientStore, tokens TokenIntrospector, logger *slog.Logger) *AdminAPI {
	return &AdminAPI{Clients: clients, Tokens: tokens, Logger: logger}
}

// Mount registers the admin API's routes — its whole surface.
func (a *AdminAPI) Mount(mux *http.ServeMux) {
	mux.Handle("GET /admin/v1/clients", a.requireAdmin(a.listClients))
	mux.Handle("POST /admin/v1/clients", a.requireAdmin(a.createClient))
	mux.Handle("GET /admin/v1/clients/{id}", a.requireAdmin(a.getClient))
	mux.Handle("PUT /admin/v1/clients/{id}", a.requireAdmin(a.replaceClient))
	mux.Handle("PATCH /admin/v1/clients/{id}", a.requireAdmin(a.patchClient))
	mux.Handle("DELETE /admin/v1/clients/{id}", a.requireAdmin(a.deleteClient))
	mux.Handle("POST /admin/v1/clients/{id}/secret", a.requireAdmin(a.rotateSecret))
	if a.Accounts != nil {
		mux.Handle("GET /admin/v1/accounts", a.requireAdmin(a.listAccounts))
		mux.Handle("POST /admin/v1/accounts", a.requireAdmin(a.createAccount))
		mux.Handle("GET /admin/v1/accounts/{id}", a.requireAdmin(a.getAccount))
		mux.Handle("DELETE /admin/v1/accounts/{id}", a.requireAdmin(a.deleteAccount))
		mux.Handle("POST /admin/v1/accounts/{id}/disable", a.requireAdmin(a.disableAccount))
	}
	mux.HandleFunc("GET /admin/v1/openapi.json", serveOpenAPI)
	mux.HandleFunc("/admin/v1/", a.noRoute)
}

// noRoute answers what no route matched as a problem, not with the
// portal's HTML page: 405 with Allow for a known path, else 404.
func (a *AdminAPI) noRoute(w http.ResponseWriter, r *http.Request) {
	allow := ""
	rest, isClient := strings.CutPrefix(r.URL.Path, "/admin/v1/clients/")
	switch {
	case r.URL.Path == "/admin/v1/clients":
		allow = "GET, POST"
	case isClient && rest != "" && !strings.Contains(rest, "/"):
		allow = "GET, PUT, PATCH, DELETE"
	case isClient && strings.HasSuffix(rest, "/secret") && strings.Count(rest, "/") == 1:
		allow = "POST"
	case r.URL.Path == "/admin/v1/accounts":
		allow = "GET, POST"
	case strings.HasPrefix(r.URL.Path, "/admin/v1/accounts/"):
		allow = accountAllow(strings.TrimPrefix(r.URL.Path, "/admin/v1/accounts/"))
	case r.URL.Path == "/admin/v1/openapi.json":
		allow = "GET"
	}
	if allow == "" {
		writeProblem(w, problemFor(http.StatusNotFound, "Diese Adresse gibt es in der Admin-API nicht."))
		return
	}
	w.Header().Set("Allow", allow)
	writeProblem(w, problemFor(http.StatusMethodNotAllowed, "Erlaubt sind: "+allow+"."))
}

// accountAllow is the Allow header of an account path ("" if none).
func accountAllow(rest string) string {
	switch {
	case rest != "" && !strings.Contains(rest, "/"):
		return "GET, DELETE"
	case strings.HasSuffix(rest, "/disable") && strings.Count(rest, "/") == 1:
		return "POST"
	}
	return ""
}
