package postfach_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/postfach"
)

func TestAPIMessageStatus(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		_, sent := f.postJSON(t, bescheidJSON("%PDF-1.7"))
		path := "/api/postfach/v1/messages/" + sent["id"].(string)
		resp, body := f.do(t, "GET", path, tokStatus, "", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		got := apiJSON(t, body)
		require.Equal(t, "bereitgestellt", got["state"])
		require.Equal(t, "2026-03-02T11:00:00+01:00", got["provided_at"], "Berlin offset")
		require.NotContains(t, got, "first_retrieved_at")
		require.NotContains(t, got, "body")

		_, _, err := f.st.MarkRetrieved(context.Background(), mailbox.AccountID, sent["id"].(string), trust.Hoch)
		require.NoError(t, err)
		_, body = f.do(t, "GET", path, tokStatus, "", nil)
		got = apiJSON(t, body)
		require.Equal(t, "abgerufen", got["state"])
		require.Equal(t, "2026-03-02T11:00:00+01:00", got["first_retrieved_at"])
		require.Equal(t, 4.0, got["retrieved_level"])
	})
}

func TestAPIMessageOfOtherClientNotFound(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		_, sent := f.postJSON(t, bescheidJSON("%PDF-1.7"))
		resp, body := f.do(t, "GET", "/api/postfach/v1/messages/"+sent["id"].(string), tokOther, "", nil)
		require.Equal(t, http.StatusNotFound, resp.StatusCode)
		require.Equal(t, "urn:mvnk:problem:postfach:not-found", apiJSON(t, body)["type"])
	})
}

func TestAPIListByApplication(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		_, first := f.postJSON(t, bescheidJSON("%PDF-1.7 a"))
		other := bescheidJSON("%PDF-1.7 b")
		other["application_id"] = "vorgang-2"
		f.postJSON(t, other)
		resp, body := f.do(t, "GET", "/api/postfach/v1/messages?application_id=vorgang-1", tokStatus, "", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		list := apiJSON(t, body)["messages"].([]any)
		require.Len(t, list, 1)
		require.Equal(t, first["id"], list[0].(map[string]any)["id"])

		resp, body = f.do(t, "GET", "/api/postfach/v1/messages", tokStatus, "", nil)
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
		require.Equal(t, "urn:mvnk:problem:postfach:malformed-request", apiJSON(t, body)["type"])
	})
}

func TestAPIApplicationStatusTimeline(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		path := "/api/postfach/v1/applications/vorgang-1/status"
		for _, st := range []string{"RECEIVED", "PROCESSING"} {
			raw := []byte(`{"recipient": "` + mailbox.Handle + `", "status": "` + st + `", "sender": "` + apiSender + `", "service": "Baugenehmigung", "details": "in Prüfung"}`)
			resp, body := f.do(t, "POST", path, tokSend, "application/json", raw)
			require.Equal(t, http.StatusCreated, resp.StatusCode, "%s", body)
			f.now = f.now.Add(time.Minute)
		}
		_, body := f.do(t, "POST", path, tokSend, "application/json",
			[]byte(`{"recipient": "`+mailbox.Handle+`", "status": "DONE", "sender": "`+apiSender+`"}`))
		require.Equal(t, "urn:mvnk:problem:postfach:validation", apiJSON(t, body)["type"])
		resp, body := f.do(t, "POST", path, tokStatus, "application/json", []byte(`{}`))
		require.Equal(t, http.StatusForbidden, resp.StatusCode, "%s", body)

		list, err := f.st.Timeline(context.Background(), mailbox.AccountID, "vorgang-1")
		require.NoError(t, err)
		require.Len(t, list, 2)
		require.Equal(t, postfach.Received, list[0].Status)
		require.Equal(t, "In Bearbeitung", list[1].Text())
		require.Equal(t, apiSender, list[1].Sender.Name)
	})
}

func TestAPIServesOpenAPIAndProblemsForUnknownRoutes(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		resp, body := f.do(t, "GET", "/api/postfach/v1/openapi.json", "", "", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Equal(t, postfach.APIDocument(), body)
		for _, c := range []struct {
			method, path string
			status       int
		}{{"DELETE", "/api/postfach/v1/messages/x", 405}, {"GET", "/api/postfach/v1/nope", 404}} {
			req, _ := http.NewRequest(c.method, f.srv.URL+c.path, nil)
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			resp.Body.Close()
			require.Equal(t, c.status, resp.StatusCode)
			require.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
		}
	})
}
