package app_test

import (
	"context"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2/clientcredentials"

	"mvnk/internal/app"
)

// postfachHandle is the account's Postfach handle as `mvnk account show
// --json` tells it.
func postfachHandle(t testing.TB, vars map[string]string, username string) string {
	t.Helper()
	e, out, stderr := env(vars)
	require.Equal(t, 0, app.Run(context.Background(), []string{"account", "show", username, "--json"}, e), stderr.String())
	var acct struct {
		Handle string `json:"postfach_handle"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &acct))
	require.NotEmpty(t, acct.Handle)
	return acct.Handle
}

// fachverfahren registers a client-credentials client sending as owner
// and returns an HTTP client carrying its tokens (x/oauth2).
func fachverfahren(t testing.TB, vars map[string]string, n *node, owner string) *http.Client {
	t.Helper()
	e, out, stderr := env(vars)
	require.Equal(t, 0, app.Run(context.Background(), []string{"client", "create", "--name", "Fachverfahren", "--owner", owner,
		"--grant-type", "client_credentials", "--scope", "postfach.send", "--scope", "postfach.status", "--json"}, e), stderr.String())
	var c struct {
		ID     string `json:"client_id"`
		Secret string `json:"client_secret"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &c))
	cc := clientcredentials.Config{ClientID: c.ID, ClientSecret: c.Secret, TokenURL: n.url + "/oauth2/token",
		Scopes: []string{"postfach.send", "postfach.status"}}
	return cc.Client(context.Background())
}

// apiCall sends a JSON request (body "" for none) and returns the status
// and the answer.
func apiCall(t testing.TB, c *http.Client, method, target, body string, header ...string) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, target, rd)
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(answer)
}

// messageJSON is a send request for the recipient with one attachment
// (none when content is nil) and the given fields over the defaults.
func messageJSON(recipient string, content []byte, fields map[string]any) string {
	m := map[string]any{"recipient": recipient, "kind": "Nachricht", "subject": "Ihr Antrag auf Wohngeld",
		"body": "Sehr geehrte Frau Mustermann,\n\nIhr Antrag ist eingegangen.", "sender": "Landkreis Vorpommern-Greifswald",
		"service": "Wohngeld", "leika_id": "urn:de:fim:leika:leistung:99107004000000", "reference": "WG-2026-4711",
		"application_id": "vorgang-4711"}
	if content != nil {
		sum := sha512.Sum512(content)
		m["attachments"] = []map[string]string{{"filename": "bescheid.pdf", "media_type": "application/pdf",
			"content": base64.StdEncoding.EncodeToString(content), "sha512": hex.EncodeToString(sum[:])}}
	}
	for k, v := range fields {
		m[k] = v
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// consoleLogin logs a fresh browser in through the login page on the way
// to a page of "Mein Konto" and returns that page.
func consoleLogin(t testing.TB, b *http.Client, n *node, login, target string) (*http.Response, string) {
	return consoleLoginWith(t, b, n, login, webPassword, target)
}

func consoleLoginWith(t testing.TB, b *http.Client, n *node, login, password, target string) (*http.Response, string) {
	t.Helper()
	resp, page := fetch(t, b, n.url+target)
	require.Equal(t, "/anmelden", resp.Request.URL.Path)
	return submit(t, b, n.url, "/anmelden", page, url.Values{"login": {login}, "password": {password},
		"weiter": {resp.Request.URL.Query().Get("weiter")}})
}

// jsonField is a top-level string field of a JSON document.
func jsonField(t testing.TB, doc, name string) string {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(doc), &m), doc)
	s, _ := m[name].(string)
	require.NotEmpty(t, s, "no %q in %s", name, doc)
	return s
}
