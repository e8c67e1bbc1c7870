package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// An admin makes a staff account through the API; bad input is refused
// as a problem that names the field, and nothing half-made is left.
func TestAdminAPICreatesStaffAccounts(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	ctx := context.Background()
	cc := machineClient(t, vars, "mvnk.admin")
	cc.TokenURL = n.url + "/oauth2/token"
	admin := cc.Client(ctx)
	post := func(body string) (*http.Response, string) {
		resp, err := admin.Post(n.url+"/admin/v1/accounts", "application/json", strings.NewReader(body))
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}

	resp, body := post(`{"kind":"staff","username":"sb.meier","email":"meier@lk-vg.example","email_verified":true,
		"password":"Akten sind geduldig wie Papier","organisation":"Landkreis Vorpommern-Greifswald","roles":["wohngeld"]}`)
	require.Equal(t, http.StatusCreated, resp.StatusCode, body)
	var acct struct {
		ID, Kind, State, Organisation string
		Roles                         []string
		PasswordHash                  string `json:"password_hash"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &acct))
	require.Equal(t, "staff", acct.Kind)
	require.Equal(t, "active", acct.State)
	require.Equal(t, []string{"wohngeld"}, acct.Roles)
	require.Empty(t, acct.PasswordHash)
	require.NotContains(t, body, "argon2id", "no hash ever leaves")
	require.Equal(t, "/admin/v1/accounts/"+acct.ID, resp.Header.Get("Location"))

	resp, body = post(`{"kind":"staff","username":"sb.schulz","email":"schulz@lk-vg.example"}`)
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
	require.Contains(t, body, `"field":"organisation"`)

	resp, body = post(`{"username":"sb.meier","email":"anders@example.de"}`)
	require.Equal(t, http.StatusConflict, resp.StatusCode, body)
	resp, body = post(`{"username":"kurz","email":"kurz@example.de","password":"passwort"}`)
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, body)
	require.Contains(t, body, `"field":"password"`)

	r, err := admin.Get(n.url + "/admin/v1/accounts?kind=staff")
	require.NoError(t, err)
	var list struct{ Accounts []struct{ Username string } }
	require.NoError(t, json.NewDecoder(r.Body).Decode(&list))
	r.Body.Close()
	require.Len(t, list.Accounts, 1, "the refused ones were not created")
	require.Equal(t, "sb.meier", list.Accounts[0].Username)

	r, err = admin.Post(n.url+"/admin/v1/accounts/"+acct.ID+"/disable", "application/json", nil)
	require.NoError(t, err)
	r.Body.Close()
	require.Equal(t, http.StatusOK, r.StatusCode)
	req, _ := http.NewRequest(http.MethodDelete, n.url+"/admin/v1/accounts/"+acct.ID, nil)
	r, err = admin.Do(req)
	require.NoError(t, err)
	r.Body.Close()
	require.Equal(t, http.StatusNoContent, r.StatusCode)
	r, err = admin.Get(n.url + "/admin/v1/accounts/" + acct.ID)
	require.NoError(t, err)
	r.Body.Close()
	require.Equal(t, http.StatusNotFound, r.StatusCode)
}
