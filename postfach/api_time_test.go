package postfach_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// The days of the Bekanntgabe are Berlin days: the instant carries the
// Berlin offset, and the plain date is the day itself, not the UTC date
// of 23:00 the evening before.
func TestAPIMessageBekanntgabeDays(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		_, ozg := f.postJSON(t, bescheidJSON("%PDF-1.7 a"))
		msg := bescheidJSON("%PDF-1.7 b")
		msg["bekanntgabe_rule"] = "vwvfg41_2a"
		_, vwvfg := f.postJSON(t, msg)
		_, err := f.svc.Sweep(context.Background(), utc("2026-03-12 23:00"))
		require.NoError(t, err)

		resp, body := f.do(t, "GET", "/api/postfach/v1/messages/"+ozg["id"].(string), tokStatus, "", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		got := apiJSON(t, body)
		require.Equal(t, "bekanntgegeben", got["state"])
		require.Equal(t, "2026-03-05T00:00:00+01:00", got["deemed_notified_at"])
		require.Equal(t, "2026-03-05", got["deemed_notified_on"])
		require.NotContains(t, got, "provision_ended_on")

		_, body = f.do(t, "GET", "/api/postfach/v1/messages/"+vwvfg["id"].(string), tokStatus, "", nil)
		got = apiJSON(t, body)
		require.Equal(t, "nicht_abgerufen", got["state"])
		require.Equal(t, "2026-03-13T00:00:00+01:00", got["provision_ended_at"])
		require.Equal(t, "2026-03-13", got["provision_ended_on"])
		require.NotContains(t, got, "deemed_notified_on")
	})
}
