package postfach_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/internal/testutil/apidoc"
	"mvnk/postfach"
	"mvnk/store"
)

// apiTokens is a fake introspector: token → info; unknown is inactive.
type apiTokens map[string]postfach.TokenInfo

func (t apiTokens) Introspect(_ context.Context, token string) (postfach.TokenInfo, error) {
	return t[token], nil
}

// apiSenders: the bauamt client may send as the Bauamt only.
type apiSenders map[string][]string

func (s apiSenders) AllowedSenders(_ context.Context, clientID string) ([]string, error) {
	return s[clientID], nil
}

// apiRecipients knows the test mailbox's handle.
type apiRecipients map[string]string

func (r apiRecipients) MailboxByHandle(_ context.Context, handle string) (string, error) {
	if acct, ok := r[handle]; ok {
		return acct, nil
	}
	return "", fmt.Errorf("%w: handle", store.ErrNotFound)
}

const (
	apiSender   = "Landkreis X – Bauamt"
	tokSend     = "tok-send"
	tokStatus   = "tok-status"
	tokOther    = "tok-other" // another client, both scopes
	tokNoScopes = "tok-none"
	tokPerson   = "tok-person" // issued for a person, not the client itself
)

// apiFixture is a store fixture with the API on an httptest server.
type apiFixture struct {
	*fixture
	srv  *httptest.Server
	spec *apidoc.Doc
}

func runAPI(t *testing.T, fn func(t *testing.T, f *apiFixture)) { runAPIWith(t, nil, fn) }

// runAPIWith is runAPI with the API changed by set before it serves.
func runAPIWith(t *testing.T, set func(f *fixture, api *postfach.API), fn func(t *testing.T, f *apiFixture)) {
	runFull(t, func(t *testing.T, f *fixture) {
		tokens := apiTokens{
			tokSend:     {Active: true, ClientID: "bauamt-app", Scopes: []string{postfach.ScopeSend, postfach.ScopeStatus}},
			tokStatus:   {Active: true, ClientID: "bauamt-app", Scopes: []string{postfach.ScopeStatus}},
			tokOther:    {Active: true, ClientID: "other-app", Scopes: []string{postfach.ScopeSend, postfach.ScopeStatus}},
			tokNoScopes: {Active: true, ClientID: "bauamt-app", Scopes: []string{"openid"}},
			tokPerson: {Active: true, ClientID: "bauamt-app", Subject: "acct1",
				Scopes: []string{postfach.ScopeSend, postfach.ScopeStatus}},
		}
		senders := apiSenders{"bauamt-app": {apiSender}, "other-app": {"Stadt Y"}}
		api := postfach.NewAPI(f.st, tokens, senders, apiRecipients{mailbox.Handle: mailbox.AccountID},
			slog.New(slog.NewTextHandler(io.Discard, nil)))
		api.Webhooks = f.hooks
		if set != nil {
			set(f, api)
		}
		mux := http.NewServeMux()
		api.Mount(mux)
		srv := httptest.NewServer(mux)
		t.Cleanup(srv.Close)
		fn(t, &apiFixture{fixture: f, srv: srv, spec: apidoc.Parse(t, postfach.APIDocument())})
	})
}

// do sends a request and checks the answer against the OpenAPI document.
func (f *apiFixture) do(t *testing.T, method, path, token, contentType string, body []byte, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+path, bytes.NewReader(body))
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	f.spec.CheckResponse(t, method, path, resp, out)
	return resp, out
}

// postJSON sends v as JSON to POST /messages with the send token.
func (f *apiFixture) postJSON(t *testing.T, v any, hdr ...string) (*http.Response, map[string]any) {
	t.Helper()
	raw, err := json.Marshal(v)
	require.NoError(t, err)
	resp, body := f.do(t, "POST", "/api/postfach/v1/messages", tokSend, "application/json", raw, hdr...)
	return resp, apiJSON(t, body)
}

func apiJSON(t *testing.T, body []byte) map[string]any {
	t.Helper()
	var v map[string]any
	require.NoError(t, json.Unmarshal(body, &v), "%s", body)
	return v
}

// bescheidJSON is a level-4 Bescheid with a PDF, as a sender writes it.
func bescheidJSON(content string) map[string]any {
	a := pdf(content)
	return map[string]any{"recipient": mailbox.Handle, "kind": "Bescheid",
		"subject": "Ihr Bescheid zur Baugenehmigung", "body": "Sehr geehrte Frau Mustermann, …",
		"sender": apiSender, "service": "Baugenehmigung", "leika_id": "urn:de:fim:leika:leistung:99010003001006",
		"reference": "AZ 63-123/2026", "application_id": "vorgang-1", "required_level": 4,
		"reply_allowed": true, "reply_to": "bauamt@lk-x.de", "bekanntgabe_rule": "ozg9",
		"attachments": []map[string]any{{"filename": a.Filename, "media_type": a.MediaType,
			"content": base64.StdEncoding.EncodeToString(a.Content), "sha512": a.SHA512}}}
}

// requireProblem checks the problem type and that nothing was stored.
func (f *apiFixture) requireProblem(t *testing.T, resp *http.Response, body map[string]any, status int, slug string) {
	t.Helper()
	require.Equal(t, status, resp.StatusCode, "%v", body)
	require.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
	require.Equal(t, "urn:mvnk:problem:postfach:"+slug, body["type"], "%v", body)
	requireCount(t, f.fixture, "postfach_messages", 0)
	requireCount(t, f.fixture, "postfach_attachments", 0)
	requireCount(t, f.fixture, "postfach_blobs", 0)
}
