package postfach_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
	"mvnk/store/ratelimit"
)

// A client over its limit gets 429 with Retry-After, stores nothing, and
// another client is not held back by it.
func TestAPIRateLimitPerClient(t *testing.T) {
	set := func(f *fixture, api *postfach.API) {
		l := ratelimit.New(f.db)
		l.Now = func() time.Time { return time.Date(2026, 11, 25, 10, 0, 15, 0, time.UTC) }
		api.Limit = l.Keyed("postfach-api:", ratelimit.Rule{Limit: 2, Window: time.Minute})
	}
	runAPIWith(t, set, func(t *testing.T, f *apiFixture) {
		for range 2 {
			resp, body := f.do(t, "GET", "/api/postfach/v1/messages?application_id=vorgang-1", tokStatus, "", nil)
			require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
		}
		resp, body := f.postJSON(t, bescheidJSON("%PDF-1.7"))
		f.requireProblem(t, resp, body, http.StatusTooManyRequests, "rate-limited")
		require.Equal(t, "45", resp.Header.Get("Retry-After"))

		resp, raw := f.do(t, "GET", "/api/postfach/v1/messages?application_id=vorgang-1", tokOther, "", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, "%s", raw)
	})
}
