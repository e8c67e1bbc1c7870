package postfach_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/postfach"
)

const webhookPath = "/api/postfach/v1/webhook"

func (f *apiFixture) putWebhook(t *testing.T, token string, v any) (*http.Response, map[string]any) {
	raw, err := json.Marshal(v)
	require.NoError(t, err)
	resp, body := f.do(t, "PUT", webhookPath, token, "application/json", raw)
	return resp, apiJSON(t, body)
}

// Refused registrations have their own problem types and store nothing.
func TestAPIWebhookRefusals(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		for _, c := range []struct {
			body   map[string]any
			status int
			slug   string
		}{
			{map[string]any{"url": "http://fv.example.org/cb", "events": []string{"reply.created"}}, 422, "invalid-webhook-url"},
			{map[string]any{"url": "https://u:p@fv.example.org/cb", "events": []string{"reply.created"}}, 422, "invalid-webhook-url"},
			{map[string]any{"url": "https://fv.example.org/cb", "events": []string{"message.deleted"}}, 422, "unknown-webhook-event"},
			{map[string]any{"url": "https://fv.example.org/cb", "events": []string{}}, 422, "unknown-webhook-event"},
			{map[string]any{"url": "https://fv.example.org/cb", "secret": "mine"}, 400, "malformed-request"},
		} {
			resp, body := f.putWebhook(t, tokSend, c.body)
			require.Equal(t, c.status, resp.StatusCode, "%v", body)
			require.Equal(t, "urn:mvnk:problem:postfach:"+c.slug, body["type"])
		}
		resp, _ := f.putWebhook(t, tokStatus, map[string]any{"url": "https://fv.example.org/cb", "events": []string{"reply.created"}})
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		resp, body := f.do(t, "GET", webhookPath, tokSend, "", nil)
		require.Equal(t, http.StatusNotFound, resp.StatusCode, "nothing stored")
		require.Equal(t, "urn:mvnk:problem:postfach:not-found", apiJSON(t, body)["type"])
		require.Zero(t, count(t, f.fixture, `SELECT COUNT(*) FROM postfach_webhook_endpoints`))

		req, _ := http.NewRequest("PATCH", f.srv.URL+webhookPath, nil)
		raw, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		raw.Body.Close()
		require.Equal(t, http.StatusMethodNotAllowed, raw.StatusCode)
		require.Equal(t, "GET, PUT, DELETE", raw.Header.Get("Allow"))
	})
}

// A sender registers through the API, and the citizen's retrieval reaches
// it signed with the secret from the answer; then it rotates the secret,
// reads the log and removes the webhook.
func TestAPIWebhookLifecycle(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		ctx := context.Background()
		rc := whListen(t)
		resp, got := f.putWebhook(t, tokSend, map[string]any{"url": rc.srv.URL + "/cb",
			"events": []string{"message.retrieved", "reply.created", "message.retrieved"}})
		require.Equal(t, http.StatusOK, resp.StatusCode, "%v", got)
		require.Len(t, got["secret"], 43)
		require.Equal(t, []any{"message.retrieved", "reply.created"}, got["events"])
		rc.secret = []byte(got["secret"].(string))

		_, sent := f.postJSON(t, bescheidJSON("%PDF-1.7"))
		_, _, err := f.st.MarkRetrieved(ctx, mailbox.AccountID, sent["id"].(string), trust.Hoch)
		require.NoError(t, err)
		require.Equal(t, 1, whRunDue(t, whRunner(f.db, f.hooks, &whClock{now: time.Now().Add(time.Second)})))
		bodies, verified := rc.received()
		require.Len(t, bodies, 1)
		require.NoError(t, verified[0])
		require.Contains(t, bodies[0], `"message_id":"`+sent["id"].(string)+`"`)

		resp, body := f.do(t, "GET", webhookPath+"/deliveries?limit=5", tokSend, "", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		log := apiJSON(t, body)["deliveries"].([]any)
		require.Len(t, log, 1)
		require.Equal(t, "delivered", log[0].(map[string]any)["outcome"])
		require.Equal(t, 204.0, log[0].(map[string]any)["status_code"])
		requireBerlinOffset(t, log[0].(map[string]any)["at"])
		resp, _ = f.do(t, "GET", webhookPath+"/deliveries?limit=0", tokSend, "", nil)
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)

		resp, got = f.putWebhook(t, tokSend, map[string]any{"url": rc.srv.URL + "/neu", "events": []string{"reply.created"}})
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.NotContains(t, got, "secret", "an update keeps the secret")
		resp, body = f.do(t, "GET", webhookPath, tokSend, "", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		got = apiJSON(t, body)
		require.Equal(t, rc.srv.URL+"/neu", got["url"])
		require.Equal(t, []any{"reply.created"}, got["events"])
		require.NotContains(t, got, "secret")
		requireBerlinOffset(t, got["created_at"])
		requireBerlinOffset(t, got["updated_at"])

		resp, body = f.do(t, "POST", webhookPath+"/secret", tokSend, "", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.NotEqual(t, string(rc.secret), apiJSON(t, body)["secret"])

		resp, _ = f.do(t, "GET", webhookPath, tokOther, "", nil)
		require.Equal(t, http.StatusNotFound, resp.StatusCode, "per client")
		resp, _ = f.do(t, "DELETE", webhookPath, tokSend, "", nil)
		require.Equal(t, http.StatusNoContent, resp.StatusCode)
		for _, c := range []struct{ method, path string }{{"DELETE", webhookPath}, {"GET", webhookPath}, {"POST", webhookPath + "/secret"}} {
			resp, body = f.do(t, c.method, c.path, tokSend, "", nil)
			require.Equal(t, http.StatusNotFound, resp.StatusCode, "%s %s", c.method, c.path)
			require.Equal(t, "urn:mvnk:problem:postfach:not-found", apiJSON(t, body)["type"])
		}
	})
}

// requireBerlinOffset checks that v is an RFC 3339 time written with the
// offset Europe/Berlin has at that instant (api_time.go).
func requireBerlinOffset(t *testing.T, v any) {
	t.Helper()
	at, err := time.Parse(time.RFC3339, v.(string))
	require.NoError(t, err)
	_, got := at.Zone()
	_, want := at.In(postfach.Berlin()).Zone()
	require.Equal(t, want, got, "%v", v)
}
