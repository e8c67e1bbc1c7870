package postfach_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// postStatus sends a status update for the mailbox's Vorgang app as the
// client of token, sending as sender.
func (f *apiFixture) postStatus(t *testing.T, token, app, sender string) (*http.Response, map[string]any) {
	t.Helper()
	raw := []byte(`{"recipient": "` + mailbox.Handle + `", "status": "PROCESSING", "sender": "` + sender + `"}`)
	resp, body := f.do(t, "POST", "/api/postfach/v1/applications/"+app+"/status", token, "application/json", raw)
	return resp, apiJSON(t, body)
}

// A Vorgang's timeline belongs to the client that started it with a
// status or a message: another client knowing handle and application id
// can't add to it.
func TestAPIStatusOfOtherSendersApplicationRefused(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		resp, got := f.postStatus(t, tokSend, "vorgang-1", apiSender)
		require.Equal(t, http.StatusCreated, resp.StatusCode, "%v", got)
		resp, got = f.postStatus(t, tokOther, "vorgang-1", "Stadt Y")
		require.Equal(t, http.StatusConflict, resp.StatusCode, "%v", got)
		require.Equal(t, "urn:mvnk:problem:postfach:application-of-other-sender", got["type"])

		// A Vorgang with a message of bauamt-app only.
		msg := bescheidJSON("%PDF-1.7")
		msg["application_id"] = "vorgang-2"
		resp, _ = f.postJSON(t, msg)
		require.Equal(t, http.StatusCreated, resp.StatusCode)
		resp, got = f.postStatus(t, tokOther, "vorgang-2", "Stadt Y")
		require.Equal(t, http.StatusConflict, resp.StatusCode, "%v", got)

		resp, _ = f.postStatus(t, tokSend, "vorgang-2", apiSender)
		require.Equal(t, http.StatusCreated, resp.StatusCode, "the owner goes on")
		resp, _ = f.postStatus(t, tokOther, "vorgang-3", "Stadt Y")
		require.Equal(t, http.StatusCreated, resp.StatusCode, "its own Vorgang")
		resp, _ = f.postStatus(t, tokSend, "vorgang-3", apiSender)
		require.Equal(t, http.StatusConflict, resp.StatusCode, "and the other way round")

		for app, want := range map[string]int{"vorgang-1": 1, "vorgang-2": 1, "vorgang-3": 1} {
			list, err := f.st.Timeline(context.Background(), mailbox.AccountID, app)
			require.NoError(t, err)
			require.Len(t, list, want, app)
		}
	})
}

// Messages of a Vorgang come only from its client too: another client's
// message into it is refused and nothing is stored.
func TestAPIMessageIntoOtherSendersApplicationRefused(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		msg := bescheidJSON("%PDF-1.7")
		msg["application_id"] = "vorgang-9"
		resp, got := f.postJSON(t, msg)
		require.Equal(t, http.StatusCreated, resp.StatusCode, "%v", got)

		raw, err := json.Marshal(map[string]any{"recipient": mailbox.Handle, "kind": "Nachricht", "subject": "Auch dazu",
			"body": "Text", "sender": "Stadt Y", "application_id": "vorgang-9"})
		require.NoError(t, err)
		r, body := f.do(t, "POST", "/api/postfach/v1/messages", tokOther, "application/json", raw)
		got = apiJSON(t, body)
		require.Equal(t, http.StatusConflict, r.StatusCode, "%v", got)
		require.Equal(t, "urn:mvnk:problem:postfach:application-of-other-sender", got["type"])
		require.Equal(t, 1, count(t, f.fixture, `SELECT COUNT(*) FROM postfach_messages WHERE application_id = 'vorgang-9'`))
	})
}
