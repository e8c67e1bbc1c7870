package postfach_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A retry with the same Idempotency-Key and the same content — JSON or
// multipart alike — gets the first message; the same key with any other
// content is refused and stores nothing, so no Bescheid is lost silently.
func TestAPIIdempotencyKeyReused(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		const key = "bescheid-43"
		resp, first := f.postJSON(t, bescheidJSON("%PDF-1.7 once"), "Idempotency-Key", key)
		require.Equal(t, http.StatusCreated, resp.StatusCode)
		body, ct := multipartBescheid(t, "%PDF-1.7 once", digest("%PDF-1.7 once"))
		resp, out := f.do(t, "POST", "/api/postfach/v1/messages", tokSend, ct, body, "Idempotency-Key", key)
		require.Equal(t, http.StatusOK, resp.StatusCode, "the framing does not count: %s", out)
		require.Equal(t, first["id"], apiJSON(t, out)["id"])

		for name, edit := range map[string]func(m map[string]any){
			"subject":   func(m map[string]any) { m["subject"] = "Ihr zweiter Bescheid" },
			"body":      func(m map[string]any) { m["body"] = "Anderer Text" },
			"reference": func(m map[string]any) { m["reference"] = "AZ 63-124/2026" },
			"level":     func(m map[string]any) { m["required_level"] = 3 },
			"reply_to":  func(m map[string]any) { m["reply_to"] = "poststelle@lk-x.de" },
			"rule":      func(m map[string]any) { m["bekanntgabe_rule"] = "vwvfg41_2a" },
			"file":      func(m map[string]any) { m["attachments"] = bescheidJSON("%PDF-1.7 twice")["attachments"] },
			"filename": func(m map[string]any) {
				m["attachments"].([]map[string]any)[0]["filename"] = "bescheid-2.pdf"
			},
			"no files": func(m map[string]any) { delete(m, "attachments") },
		} {
			msg := bescheidJSON("%PDF-1.7 once")
			edit(msg)
			resp, got := f.postJSON(t, msg, "Idempotency-Key", key)
			require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, "%s: %v", name, got)
			require.Equal(t, "urn:mvnk:problem:postfach:idempotency-key-reused", got["type"], name)
		}
		requireCount(t, f.fixture, "postfach_messages", 1)
		requireCount(t, f.fixture, "postfach_attachments", 1)
		requireCount(t, f.fixture, "postfach_blobs", 1)

		resp, _ = f.postJSON(t, bescheidJSON("%PDF-1.7 once"), "Idempotency-Key", "bescheid-44")
		require.Equal(t, http.StatusCreated, resp.StatusCode, "a new key is a new message")
	})
}

// The hash covers the attachments' SHA-512 however the sender spells it.
func TestAPIIdempotencyHashCaseInsensitive(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		msg := bescheidJSON("%PDF-1.7 case")
		resp, first := f.postJSON(t, msg, "Idempotency-Key", "k")
		require.Equal(t, http.StatusCreated, resp.StatusCode)
		att := msg["attachments"].([]map[string]any)[0]
		att["sha512"] = strings.ToUpper(att["sha512"].(string))
		resp, again := f.postJSON(t, msg, "Idempotency-Key", "k")
		require.Equal(t, http.StatusOK, resp.StatusCode, "%v", again)
		require.Equal(t, first["id"], again["id"])
	})
}
