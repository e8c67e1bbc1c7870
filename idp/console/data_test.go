package console_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
)

// The download is a JSON attachment with the account, its attributes
// with source and level, the sessions and the second factors.
func TestDataExport(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.con.Accounts.Store.SetAttribute(context.Background(), f.acct.ID, account.Attribute{
		Name: account.AttrLocality, Value: "Rostock", Source: account.SourceSelf, Level: account.LevelBasisregistrierung}))
	b := f.login()
	resp, body := b.get("/konto/datenschutz/export")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, resp.Header.Get("Content-Disposition"), "attachment")
	require.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
	require.Contains(t, resp.Header.Get("Content-Type"), "application/json")
	var data struct {
		Account       map[string]any      `json:"account"`
		Attributes    []account.Attribute `json:"attributes"`
		Sessions      []map[string]any    `json:"sessions"`
		SecondFactors map[string]any      `json:"second_factors"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &data))
	require.Equal(t, "erika", data.Account["username"])
	require.NotContains(t, body, "argon2id", "never the password hash")
	require.Equal(t, "Rostock", data.Attributes[0].Value)
	require.Equal(t, account.SourceSelf, data.Attributes[0].Source)
	require.Len(t, data.Sessions, 1)
	require.Equal(t, true, data.Sessions[0]["current"])
	require.Contains(t, data.SecondFactors, "totp")
}

// Deleting needs the checkbox and the password; then the account is
// gone, the browser logged out and the login fails.
func TestDeleteAccount(t *testing.T) {
	f := newFixture(t)
	b := f.login()
	b.get("/konto/datenschutz")
	resp, page := b.post("/konto/loeschen", url.Values{"current_password": {password}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, `href="#bestaetigen"`)
	resp, page = b.post("/konto/loeschen", url.Values{"bestaetigen": {"ja"}, "current_password": {"falsch"}})
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.Contains(t, page, `href="#current_password"`)

	resp, _ = b.post("/konto/loeschen", url.Values{"bestaetigen": {"ja"}, "current_password": {password}})
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	require.Equal(t, "/konto/geloescht", resp.Header.Get("Location"))
	resp, page = b.get("/konto/geloescht")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "Konto gelöscht")
	require.NotContains(t, page, `id="sitzung"`)
	_, err := f.con.Accounts.Store.GetByID(context.Background(), f.acct.ID)
	require.ErrorIs(t, err, account.ErrNoAccount)
	resp, _ = b.get("/konto")
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	_, err = f.con.Accounts.Login(context.Background(), "erika", password, "")
	require.ErrorIs(t, err, account.ErrInvalidCredentials)
}
