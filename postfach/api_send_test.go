package postfach_test

import (
	"bytes"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/postfach"
)

func TestAPISendBescheidJSON(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		resp, body := f.postJSON(t, bescheidJSON("%PDF-1.7 Bescheid"))
		require.Equal(t, http.StatusCreated, resp.StatusCode, "%v", body)
		id, _ := body["id"].(string)
		require.NotEmpty(t, id)
		require.Equal(t, "/api/postfach/v1/messages/"+id, resp.Header.Get("Location"))
		m, err := f.st.Get(context.Background(), mailbox.AccountID, id)
		require.NoError(t, err)
		require.Equal(t, postfach.Bescheid, m.Kind)
		require.Equal(t, trust.Hoch, m.RequiredLevel)
		require.Equal(t, postfach.RuleOZG9, m.Rule)
		require.Equal(t, "bauamt-app", m.Sender.ClientID)
		require.Len(t, m.Attachments, 1)
		a, err := f.st.Attachment(context.Background(), mailbox.AccountID, id, m.Attachments[0].ID)
		require.NoError(t, err)
		require.Equal(t, "%PDF-1.7 Bescheid", string(a.Content))
	})
}

// multipartBescheid builds the multipart form: the JSON without
// attachments in "message", the PDF in "attachment" with Content-Digest.
func multipartBescheid(t *testing.T, content, digest string) ([]byte, string) {
	msg := bescheidJSON(content)
	delete(msg, "attachments")
	raw, err := json.Marshal(msg)
	require.NoError(t, err)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	h := textproto.MIMEHeader{"Content-Disposition": {`form-data; name="message"`}, "Content-Type": {"application/json"}}
	pw, err := mw.CreatePart(h)
	require.NoError(t, err)
	_, _ = pw.Write(raw)
	h = textproto.MIMEHeader{"Content-Disposition": {`form-data; name="attachment"; filename="bescheid.pdf"`},
		"Content-Type": {"application/pdf"}, "Content-Digest": {"sha-512=:" + digest + ":"}}
	pw, err = mw.CreatePart(h)
	require.NoError(t, err)
	_, _ = pw.Write([]byte(content))
	require.NoError(t, mw.Close())
	return buf.Bytes(), mw.FormDataContentType()
}

func digest(content string) string {
	sum := sha512.Sum512([]byte(content))
	return base64.StdEncoding.EncodeToString(sum[:])
}

func TestAPISendBescheidMultipart(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		body, ct := multipartBescheid(t, "%PDF-1.7 multipart", digest("%PDF-1.7 multipart"))
		resp, out := f.do(t, "POST", "/api/postfach/v1/messages", tokSend, ct, body)
		require.Equal(t, http.StatusCreated, resp.StatusCode, "%s", out)
		id := apiJSON(t, out)["id"].(string)
		m, err := f.st.Get(context.Background(), mailbox.AccountID, id)
		require.NoError(t, err)
		require.Equal(t, trust.Hoch, m.RequiredLevel)
		require.Len(t, m.Attachments, 1)
		require.Equal(t, "bescheid.pdf", m.Attachments[0].Filename)
		require.Equal(t, "application/pdf", m.Attachments[0].MediaType)
	})
}

func TestAPISendMultipartWrongDigest(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		body, ct := multipartBescheid(t, "%PDF-1.7 multipart", digest("something else"))
		resp, out := f.do(t, "POST", "/api/postfach/v1/messages", tokSend, ct, body)
		f.requireProblem(t, resp, apiJSON(t, out), http.StatusUnprocessableEntity, "hash-mismatch")
	})
}

func TestAPISendIdempotentRetry(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		msg := bescheidJSON("%PDF-1.7 once")
		resp, first := f.postJSON(t, msg, "Idempotency-Key", "bescheid-42")
		require.Equal(t, http.StatusCreated, resp.StatusCode)
		resp, again := f.postJSON(t, msg, "Idempotency-Key", "bescheid-42")
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Equal(t, first["id"], again["id"])
		require.Equal(t, "/api/postfach/v1/messages/"+first["id"].(string), resp.Header.Get("Location"))
		requireCount(t, f.fixture, "postfach_messages", 1)
		requireCount(t, f.fixture, "postfach_attachments", 1)
		requireCount(t, f.fixture, "postfach_blobs", 1)
	})
}

// Each refusal has its own problem type and stores nothing.
func TestAPISendRefusals(t *testing.T) {
	big := strings.Repeat("x", postfach.MaxAttachmentSize+1)
	cases := []struct {
		name   string
		change func(m map[string]any)
		status int
		slug   string
	}{
		{"unknown recipient", func(m map[string]any) { m["recipient"] = "00000000-0000-4000-8000-000000000000" }, 422, "unknown-recipient"},
		{"oversized attachment", func(m map[string]any) { m["attachments"] = bescheidJSON(big)["attachments"] }, 413, "attachment-too-large"},
		{"wrong hash", func(m map[string]any) {
			m["attachments"].([]map[string]any)[0]["sha512"] = strings.Repeat("ab", 64)
		}, 422, "hash-mismatch"},
		{"unknown kind", func(m map[string]any) { m["kind"] = "Mahnung" }, 422, "unknown-kind"},
		{"sender not allowed", func(m map[string]any) { m["sender"] = "Finanzamt Z" }, 403, "sender-not-allowed"},
		{"missing subject", func(m map[string]any) { delete(m, "subject") }, 422, "validation"},
		{"unknown field", func(m map[string]any) { m["titel"] = "x" }, 400, "malformed-request"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			runAPI(t, func(t *testing.T, f *apiFixture) {
				msg := bescheidJSON("%PDF-1.7 Bescheid")
				c.change(msg)
				resp, body := f.postJSON(t, msg)
				f.requireProblem(t, resp, body, c.status, c.slug)
			})
		})
	}
}

func TestAPISendRequestRefusals(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		raw, _ := json.Marshal(bescheidJSON("%PDF-1.7"))
		const path = "/api/postfach/v1/messages"
		for _, c := range []struct {
			token, ct string
			body      []byte
			status    int
			slug      string
		}{
			{tokSend, "application/json", []byte(`{"recipient": `), 400, "malformed-request"},
			{tokSend, "text/plain", raw, 415, "unsupported-media-type"},
			{tokStatus, "application/json", raw, 403, "insufficient-scope"},
			{tokNoScopes, "application/json", raw, 403, "insufficient-scope"},
			{tokPerson, "application/json", raw, 403, "insufficient-scope"},
			{"", "application/json", raw, 401, "unauthorized"},
			{"forged", "application/json", raw, 401, "unauthorized"},
		} {
			resp, body := f.do(t, "POST", path, c.token, c.ct, c.body)
			f.requireProblem(t, resp, apiJSON(t, body), c.status, c.slug)
		}
	})
}

func TestAPISendMultipartOversizedFile(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		big := strings.Repeat("x", postfach.MaxAttachmentSize+1)
		body, ct := multipartBescheid(t, big, digest(big))
		resp, out := f.do(t, "POST", "/api/postfach/v1/messages", tokSend, ct, body)
		f.requireProblem(t, resp, apiJSON(t, out), http.StatusRequestEntityTooLarge, "attachment-too-large")
	})
}
