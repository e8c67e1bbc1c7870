package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"mvnk/internal/app"
)

// machineClient registers a client_credentials client with the given scopes.
func machineClient(t *testing.T, vars map[string]string, scopes ...string) clientcredentials.Config {
	t.Helper()
	args := []string{"client", "create", "--name", "Verwaltung", "--grant-type", "client_credentials", "--json"}
	for _, s := range scopes {
		args = append(args, "--scope", s)
	}
	e, out, stderr := env(vars)
	require.Equal(t, 0, app.Run(context.Background(), args, e), stderr.String())
	var c struct {
		ID     string `json:"client_id"`
		Secret string `json:"client_secret"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &c))
	return clientcredentials.Config{ClientID: c.ID, ClientSecret: c.Secret, Scopes: scopes, AuthStyle: oauth2.AuthStyleInHeader}
}

// The admin API accepts only tokens of this IdP with scope mvnk.admin.
func TestAdminAPIWithRealToken(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	ctx := context.Background()

	admin := machineClient(t, vars, "mvnk.admin")
	admin.TokenURL = n.url + "/oauth2/token"
	resp, err := admin.Client(ctx).Get(n.url + "/admin/v1/clients")
	require.NoError(t, err)
	var list struct {
		Clients []struct {
			Name string `json:"client_name"`
		} `json:"clients"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&list))
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Len(t, list.Clients, 1)

	other := machineClient(t, vars, "postfach.send")
	other.TokenURL = n.url + "/oauth2/token"
	resp, err = other.Client(ctx).Get(n.url + "/admin/v1/clients")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusForbidden, resp.StatusCode)
	require.Contains(t, resp.Header.Get("WWW-Authenticate"), `error="insufficient_scope"`)

	resp, _ = get(t, n.url+"/admin/v1/clients")
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)

	// An admin change is written to the audit log, with the calling client.
	body := strings.NewReader(`{"client_name":"Fachverfahren Wohngeld","grant_types":["client_credentials"],"scopes":["postfach.send"]}`)
	resp, err = admin.Client(ctx).Post(n.url+"/admin/v1/clients", "application/json", body)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusCreated, resp.StatusCode)
	e, out, stderr := env(vars)
	require.Equal(t, 0, app.Run(ctx, []string{"audit", "list", "--json"}, e), stderr.String())
	require.Contains(t, out.String(), `"type": "admin.client.created"`)
	require.Contains(t, out.String(), `"actor": "`+admin.ClientID+`"`)
	require.Equal(t, 0, app.Run(ctx, []string{"audit", "verify"}, e), stderr.String())

	// A token revocation (RFC 7009) is audited with the client, never the token.
	tok, err := other.Token(ctx)
	require.NoError(t, err)
	req, _ := http.NewRequest(http.MethodPost, n.url+"/oauth2/revoke", strings.NewReader("token="+tok.AccessToken))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(other.ClientID, other.ClientSecret)
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	out.Reset()
	require.Equal(t, 0, app.Run(ctx, []string{"audit", "list", "--json"}, e), stderr.String())
	require.Contains(t, out.String(), `"type": "token.revoked"`)
	require.NotContains(t, out.String(), tok.AccessToken)
}
