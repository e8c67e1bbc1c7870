package idp_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

func TestAdminAPIRequestErrors(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		a := newAdminAPI(t, db)
		resp, body := a.do("POST", "/admin/v1/clients", adminToken, `{
			"client_name": "", "redirect_uris": ["http://evil.example/cb#frag"], "public": true,
			"require_pkce": false, "grant_types": ["client_credentials", "implicit"]}`)
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, body)
		p := decode[problemBody](t, body)
		require.Equal(t, "urn:mvnk:problem:validation", p.Type)
		require.Equal(t, "Ungültige Angaben", p.Title)
		fields := map[string]bool{}
		for _, f := range p.Errors {
			fields[f.Field] = true
		}
		for _, f := range []string{"client_name", "redirect_uris[0]", "require_pkce", "grant_types", "grant_types[1]"} {
			require.True(t, fields[f], "no error on %s in %s", f, body)
		}

		cases := []struct {
			name, method, path, contentType, body, problem string
			status                                         int
		}{
			{"unknown field", "POST", "/admin/v1/clients", "application/json", `{"client_name":"x","client_secret":"mine"}`, "malformed-request", 400},
			{"wrong type", "POST", "/admin/v1/clients", "application/json", `{"client_name": 5}`, "malformed-request", 400},
			{"not json", "POST", "/admin/v1/clients", "application/json", `{"client_name":`, "malformed-request", 400},
			{"trailing data", "POST", "/admin/v1/clients", "application/json", `{} {}`, "malformed-request", 400},
			{"form", "POST", "/admin/v1/clients", "application/x-www-form-urlencoded", "client_name=x", "unsupported-media-type", 415},
			{"too large", "POST", "/admin/v1/clients", "application/json", `{"owner":"` + strings.Repeat("x", 70<<10) + `"}`, "too-large", 413},
			{"patch unknown", "PATCH", "/admin/v1/clients/nope", "application/json", `{}`, "not-found", 404},
			{"rotate unknown", "POST", "/admin/v1/clients/nope/secret", "", "", "not-found", 404},
			{"delete unknown", "DELETE", "/admin/v1/clients/nope", "", "", "not-found", 404},
		}
		for _, tc := range cases {
			resp, body := a.doType(tc.method, tc.path, adminToken, tc.contentType, tc.body)
			require.Equal(t, tc.status, resp.StatusCode, "%s: %s", tc.name, body)
			require.Equal(t, "urn:mvnk:problem:"+tc.problem, decode[problemBody](t, body).Type, tc.name)
		}
	}, idp.Migrations)
}

// A public client has no secret to rotate; a route without the method
// answers 405 as a problem, not the portal's HTML page.
func TestAdminAPIRotateAndWrongMethod(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		a := newAdminAPI(t, db)
		resp, body := a.do("POST", "/admin/v1/clients", adminToken, `{"client_name": "App", "public": true,
			"redirect_uris": ["de.mv.app:/cb"]}`)
		require.Equal(t, http.StatusCreated, resp.StatusCode, body)
		c := decode[struct {
			ID     string `json:"client_id"`
			Secret string `json:"client_secret"`
		}](t, body)
		require.Empty(t, c.Secret, "public clients get no secret")
		resp, body = a.do("POST", "/admin/v1/clients/"+c.ID+"/secret", adminToken, "")
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, body)

		req, err := http.NewRequest("PUT", a.srv.URL+"/admin/v1/clients", nil)
		require.NoError(t, err)
		raw, err := a.srv.Client().Do(req)
		require.NoError(t, err)
		raw.Body.Close()
		require.Equal(t, http.StatusMethodNotAllowed, raw.StatusCode)
		require.Equal(t, "GET, POST", raw.Header.Get("Allow"))
		require.Equal(t, "application/problem+json", raw.Header.Get("Content-Type"))
	}, idp.Migrations)
}
