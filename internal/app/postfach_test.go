package app_test

import (
	"context"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/internal/app"
)

// A Fachverfahren with a client-credentials token of this IdP delivers a
// Bescheid with a PDF into a citizen's Postfach by its handle and reads
// its delivery status; without the scope it is refused.
func TestFachverfahrenSendsBescheid(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	e, out, stderr := env(vars)
	require.Equal(t, 0, app.Run(context.Background(), []string{"account", "show", "erika", "--json"}, e), stderr.String())
	var acct struct {
		Handle string `json:"postfach_handle"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &acct))
	require.NotEmpty(t, acct.Handle)

	e, out, stderr = env(vars)
	require.Equal(t, 0, app.Run(context.Background(), []string{"client", "create", "--name", "Wohngeld", "--owner", "Landkreis Vorpommern-Greifswald",
		"--grant-type", "client_credentials", "--scope", "postfach.send", "--scope", "postfach.status", "--json"}, e), stderr.String())
	var c struct {
		ID     string `json:"client_id"`
		Secret string `json:"client_secret"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &c))
	cc := machineClient(t, vars, "mvnk.admin")
	cc.ClientID, cc.ClientSecret, cc.Scopes, cc.TokenURL = c.ID, c.Secret, []string{"postfach.send", "postfach.status"}, n.url+"/oauth2/token"
	fv := cc.Client(context.Background())

	pdf := []byte("%PDF-1.7\n% Bescheid über Wohngeld\n")
	sum := sha512.Sum512(pdf)
	body := `{"recipient": "` + acct.Handle + `", "kind": "Bescheid", "subject": "Ihr Wohngeldbescheid",
		"body": "Sehr geehrte Frau Mustermann, anbei Ihr Bescheid.", "sender": "Landkreis Vorpommern-Greifswald",
		"service": "Wohngeld", "leika_id": "urn:de:fim:leika:leistung:99107004000000", "reference": "WG-2026-4711",
		"application_id": "vorgang-4711", "required_level": 4, "bekanntgabe_rule": "ozg9",
		"attachments": [{"filename": "bescheid.pdf", "media_type": "application/pdf",
		"content": "` + base64.StdEncoding.EncodeToString(pdf) + `", "sha512": "` + hex.EncodeToString(sum[:]) + `"}]}`
	send := func(key string) (*http.Response, string) {
		req, _ := http.NewRequest(http.MethodPost, n.url+"/api/postfach/v1/messages", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", key)
		resp, err := fv.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, answer := send("wg-4711-1")
	require.Equal(t, http.StatusCreated, resp.StatusCode, answer)
	var created struct{ ID string }
	require.NoError(t, json.Unmarshal([]byte(answer), &created))
	resp, again := send("wg-4711-1")
	require.Equal(t, http.StatusOK, resp.StatusCode, "a retry returns the first result")
	require.Contains(t, again, created.ID)

	r, err := fv.Get(n.url + "/api/postfach/v1/messages/" + created.ID)
	require.NoError(t, err)
	status, _ := io.ReadAll(r.Body)
	r.Body.Close()
	require.Equal(t, http.StatusOK, r.StatusCode, string(status))
	require.Contains(t, string(status), `"provided_at"`)

	other := machineClient(t, vars, "mvnk.admin")
	other.TokenURL = n.url + "/oauth2/token"
	req, _ := http.NewRequest(http.MethodPost, n.url+"/api/postfach/v1/messages", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	r, err = other.Client(context.Background()).Do(req)
	require.NoError(t, err)
	problem, _ := io.ReadAll(r.Body)
	r.Body.Close()
	require.Equal(t, http.StatusForbidden, r.StatusCode)
	require.Equal(t, "application/problem+json", r.Header.Get("Content-Type"))
	require.Contains(t, string(problem), "insufficient-scope")
}
