package idp_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/internal/testutil/apidoc"
	"mvnk/store"
	"mvnk/store/storetest"
)

// fakeTokens knows a fixed set of tokens; any other token is inactive.
type fakeTokens map[string]idp.TokenInfo

func (f fakeTokens) Introspect(_ context.Context, token string) (idp.TokenInfo, error) {
	return f[token], nil
}

const adminToken = "admin-token"

// adminAPI is an admin API on a fresh database behind a real server;
// every answer is checked against the OpenAPI document.
type adminAPI struct {
	t   *testing.T
	api *idp.AdminAPI
	srv *httptest.Server
	doc *apidoc.Doc
}

func newAdminAPI(t *testing.T, db *store.DB) *adminAPI {
	tokens := fakeTokens{
		adminToken:   {Active: true, ClientID: "ops", Scopes: []string{"openid", idp.AdminScope}},
		"no-scope":   {Active: true, ClientID: "ops", Scopes: []string{"openid"}},
		"user-token": {Active: true, ClientID: "portal", Subject: "citizen-1", Scopes: []string{idp.AdminScope}},
		"expired":    {Active: false, ClientID: "ops", Scopes: []string{idp.AdminScope}},
	}
	mux := http.NewServeMux()
	api := idp.NewAdminAPI(idp.NewClientStore(db), tokens, slog.New(slog.DiscardHandler))
	api.Mount(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	a := &adminAPI{t: t, api: api, srv: srv}
	_, raw := a.do("GET", "/admin/v1/openapi.json", "", "")
	a.doc = apidoc.Parse(t, []byte(raw))
	return a
}

// do sends a request (JSON body unless empty) with the given token.
func (a *adminAPI) do(method, path, token, body string) (*http.Response, string) {
	return a.doType(method, path, token, "application/json", body)
}

func (a *adminAPI) doType(method, path, token, contentType, body string) (*http.Response, string) {
	t := a.t
	t.Helper()
	req, err := http.NewRequest(method, a.srv.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := a.srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	if a.doc != nil {
		a.doc.CheckResponse(t, method, path, resp, raw)
	}
	return resp, string(raw)
}

func decode[T any](t *testing.T, body string) T {
	var v T
	require.NoError(t, json.Unmarshal([]byte(body), &v))
	return v
}

type problemBody struct {
	Type   string           `json:"type"`
	Title  string           `json:"title"`
	Status int              `json:"status"`
	Errors []idp.FieldError `json:"errors"`
}

func TestAdminAPIAuthentication(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		a := newAdminAPI(t, db)
		cases := []struct {
			token, challenge, problem string
			status                    int
		}{
			{"", `Bearer realm="mvnk"`, "unauthorized", 401},
			{"unknown", `Bearer realm="mvnk", error="invalid_token"`, "unauthorized", 401},
			{"expired", `Bearer realm="mvnk", error="invalid_token"`, "unauthorized", 401},
			{"no-scope", `Bearer realm="mvnk", error="insufficient_scope", scope="mvnk.admin"`, "forbidden", 403},
			{"user-token", "", "forbidden", 403},
		}
		for _, tc := range cases {
			resp, body := a.do("GET", "/admin/v1/clients", tc.token, "")
			require.Equal(t, tc.status, resp.StatusCode, tc.token)
			require.Equal(t, tc.challenge, resp.Header.Get("WWW-Authenticate"), tc.token)
			require.Equal(t, "urn:mvnk:problem:"+tc.problem, decode[problemBody](t, body).Type)
		}
		resp, _ := a.do("GET", "/admin/v1/clients", adminToken, "")
		require.Equal(t, http.StatusOK, resp.StatusCode)
	}, idp.Migrations)
}

func TestAdminAPIClientLifecycle(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		a := newAdminAPI(t, db)
		resp, body := a.do("POST", "/admin/v1/clients", adminToken, `{
			"client_name": "Antragsdienst", "owner": "Landesamt",
			"redirect_uris": ["https://antrag.mv.example/cb"],
			"grant_types": ["authorization_code", "refresh_token"], "scopes": ["openid", "profile"]}`)
		require.Equal(t, http.StatusCreated, resp.StatusCode, body)
		created := decode[idp.ClientResource](t, body)
		require.Equal(t, "/admin/v1/clients/"+created.ID, resp.Header.Get("Location"))
		require.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
		require.Len(t, created.Secret, 43, "the secret is shown on create")
		require.Equal(t, "pairwise", created.SubjectType)
		require.Equal(t, "antrag.mv.example", created.SectorIdentifier)
		require.True(t, created.RequirePKCE)

		_, body = a.do("GET", "/admin/v1/clients/"+created.ID, adminToken, "")
		require.NotContains(t, body, `"client_secret":`, "never shown again")
		require.NotContains(t, body, created.Secret)
		stored, err := idp.NewClientStore(db).GetClient(context.Background(), created.ID)
		require.NoError(t, err)
		require.True(t, idp.CheckSecret(stored.SecretHash, created.Secret))

		resp, body = a.do("PATCH", "/admin/v1/clients/"+created.ID, adminToken, `{"min_trust_level": 3, "require_pushed_authorization_requests": true, "eid_identifiers": true}`)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		patched := decode[idp.ClientResource](t, body)
		require.Equal(t, 3, patched.MinTrustLevel)
		require.True(t, patched.RequirePAR)
		require.True(t, patched.EIDIdentifiers)
		require.Equal(t, "Landesamt", patched.Owner, "fields not sent stay")
		require.Empty(t, patched.Secret)

		resp, body = a.do("POST", "/admin/v1/clients/"+created.ID+"/secret", adminToken, "")
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		rotated := decode[idp.ClientResource](t, body).Secret
		require.NotEmpty(t, rotated)
		require.NotEqual(t, created.Secret, rotated)

		resp, body = a.do("PUT", "/admin/v1/clients/"+created.ID, adminToken, `{
			"client_name": "Neu", "redirect_uris": ["https://antrag.mv.example/cb"]}`)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		replaced := decode[idp.ClientResource](t, body)
		require.Zero(t, replaced.MinTrustLevel, "PUT resets what it does not name")
		require.Empty(t, replaced.Owner)

		_, body = a.do("GET", "/admin/v1/clients", adminToken, "")
		require.Len(t, decode[struct{ Clients []idp.ClientResource }](t, body).Clients, 1)

		resp, _ = a.do("DELETE", "/admin/v1/clients/"+created.ID, adminToken, "")
		require.Equal(t, http.StatusNoContent, resp.StatusCode)
		resp, body = a.do("GET", "/admin/v1/clients/"+created.ID, adminToken, "")
		require.Equal(t, http.StatusNotFound, resp.StatusCode)
		require.Equal(t, "urn:mvnk:problem:not-found", decode[problemBody](t, body).Type)
	}, idp.Migrations)
}
