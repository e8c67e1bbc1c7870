package postfach_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/postfach"
)

// sentReply delivers a Bescheid through the API and has the citizen reply.
func sentReply(t *testing.T, f *apiFixture) *postfach.Reply {
	_, sent := f.postJSON(t, bescheidJSON("%PDF-1.7"))
	r, err := f.st.CreateReply(context.Background(), mailbox.AccountID, sent["id"].(string), trust.Hoch,
		"Anbei der Nachweis.", []postfach.Attachment{upload("Nachweis März.pdf", "%PDF nachweis")})
	require.NoError(t, err)
	return r
}

func TestAPIGetReply(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		r := sentReply(t, f)
		resp, body := f.do(t, "GET", "/api/postfach/v1/replies/"+r.ID, tokStatus, "", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
		var got map[string]any
		require.NoError(t, json.Unmarshal(body, &got))
		require.Equal(t, r.MessageID, got["message_id"])
		require.Equal(t, "vorgang-1", got["application_id"])
		require.Equal(t, "Anbei der Nachweis.", got["body"])
		require.Equal(t, "2026-03-02T11:00:00+01:00", got["created_at"], "Berlin offset")
		att := got["attachments"].([]any)[0].(map[string]any)
		require.Equal(t, map[string]any{"id": r.Attachments[0].ID, "filename": "Nachweis März.pdf",
			"media_type": "application/pdf", "size": 13.0, "sha512": r.Attachments[0].SHA512}, att)

		resp, body = f.do(t, "GET", "/api/postfach/v1/replies/"+r.ID, tokOther, "", nil)
		require.Equal(t, http.StatusNotFound, resp.StatusCode)
		require.Equal(t, "urn:mvnk:problem:postfach:not-found", apiJSON(t, body)["type"])
		resp, _ = f.do(t, "GET", "/api/postfach/v1/replies/"+r.ID, tokNoScopes, "", nil)
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
	})
}

func TestAPIGetReplyAttachment(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		r := sentReply(t, f)
		path := "/api/postfach/v1/replies/" + r.ID + "/attachments/" + r.Attachments[0].ID
		req, err := http.NewRequest("GET", f.srv.URL+path, nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+tokStatus)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		content, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Equal(t, "%PDF nachweis", string(content))
		require.Equal(t, "application/pdf", resp.Header.Get("Content-Type"))
		require.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
		require.Equal(t, `attachment; filename*=utf-8''Nachweis%20M%C3%A4rz.pdf`, resp.Header.Get("Content-Disposition"))
		// The bytes are not JSON, so apidoc can't check them: look the answer up by hand.
		var doc struct {
			Paths map[string]map[string]struct {
				Responses map[string]struct {
					Content map[string]any `json:"content"`
				} `json:"responses"`
			} `json:"paths"`
		}
		require.NoError(t, json.Unmarshal(postfach.APIDocument(), &doc))
		require.Contains(t, doc.Paths["/api/postfach/v1/replies/{id}/attachments/{attachment_id}"]["get"].Responses["200"].Content, "application/pdf")

		resp2, body := f.do(t, "GET", "/api/postfach/v1/replies/"+r.ID+"/attachments/nope", tokStatus, "", nil)
		require.Equal(t, http.StatusNotFound, resp2.StatusCode)
		require.Equal(t, "urn:mvnk:problem:postfach:not-found", apiJSON(t, body)["type"])
		resp2, _ = f.do(t, "GET", path, tokOther, "", nil)
		require.Equal(t, http.StatusNotFound, resp2.StatusCode)
	})
}
