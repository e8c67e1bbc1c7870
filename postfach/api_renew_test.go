package postfach_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// POST /messages/{id}/renewal makes a Bescheid known again and answers
// its delivery facts; a plain message can't be, another client's is 404.
func TestAPIRenewal(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		resp, sent := f.postJSON(t, bescheidJSON("%PDF-1.7"))
		require.Equal(t, http.StatusCreated, resp.StatusCode, "%v", sent)
		id := sent["id"].(string)
		resp, body := f.do(t, "POST", "/api/postfach/v1/messages/"+id+"/renewal", tokSend, "", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
		require.NotEmpty(t, apiJSON(t, body)["renewed_at"])

		resp, body = f.do(t, "POST", "/api/postfach/v1/messages/"+id+"/renewal", tokOther, "", nil)
		require.Equal(t, http.StatusNotFound, resp.StatusCode, "%s", body)

		msg := bescheidJSON("%PDF-1.7")
		msg["kind"], msg["bekanntgabe_rule"] = "Nachricht", "none"
		resp, sent = f.postJSON(t, msg)
		require.Equal(t, http.StatusCreated, resp.StatusCode, "%v", sent)
		resp, body = f.do(t, "POST", "/api/postfach/v1/messages/"+sent["id"].(string)+"/renewal", tokSend, "", nil)
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, "%s", body)
		require.Equal(t, "urn:mvnk:problem:postfach:not-renewable", apiJSON(t, body)["type"])
	})
}
