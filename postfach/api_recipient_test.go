package postfach_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
)

// A sender sees the opt-out before sending, and on the message it applied to.
func TestAPIRecipientOptOut(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		path := "/api/postfach/v1/recipients/" + mailbox.Handle
		resp, body := f.do(t, "GET", path, tokSend, "", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Equal(t, map[string]any{"handle": mailbox.Handle, "electronic_bekanntgabe": true}, apiJSON(t, body))
		_, before := f.postJSON(t, bescheidJSON("%PDF-1.7 a"))

		require.NoError(t, f.st.SaveSettings(context.Background(), mailbox,
			postfach.Settings{NotifyEmail: true, OptOutElectronic: true}))
		_, body = f.do(t, "GET", path, tokSend, "", nil)
		require.Equal(t, false, apiJSON(t, body)["electronic_bekanntgabe"])
		_, after := f.postJSON(t, bescheidJSON("%PDF-1.7 b"))

		for id, want := range map[string]bool{before["id"].(string): true, after["id"].(string): false} {
			_, body = f.do(t, "GET", "/api/postfach/v1/messages/"+id, tokStatus, "", nil)
			got := apiJSON(t, body)
			require.Equal(t, want, got["electronic_bekanntgabe"], "the setting at provision applies")
			require.Equal(t, !want, got["electronic_bekanntgabe_excluded"])
		}

		resp, body = f.do(t, "GET", "/api/postfach/v1/recipients/00000000-0000-4000-8000-000000000000", tokSend, "", nil)
		require.Equal(t, http.StatusNotFound, resp.StatusCode)
		require.Equal(t, "urn:mvnk:problem:postfach:unknown-recipient", apiJSON(t, body)["type"])
		resp, _ = f.do(t, "GET", path, tokStatus, "", nil)
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
	})
}
