package inbox

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
)

// The settings show the defaults and store both choices; the opt-out
// explains what it means.
func TestSettingsSaved(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		resp, page := b.get(pathSettings)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, page, `name="benachrichtigung" value="ja" aria-describedby="benachrichtigung-hinweis" checked>`)
		require.NotContains(t, page, `aria-describedby="bekanntgabe-erklaerung" checked`)
		require.Contains(t, page, "in der Regel mit der Post")
		require.Contains(t, page, "können diese Einstellung sehen")

		resp, _ = b.post(pathSettings, url.Values{"keine_elektronische_bekanntgabe": {"ja"}})
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		require.Equal(t, pathSettings+"?gespeichert=1", resp.Header.Get("Location"))
		st, err := f.st.Settings(t.Context(), f.reader.AccountID)
		require.NoError(t, err)
		require.Equal(t, postfach.Settings{NotifyEmail: false, OptOutElectronic: true}, st)
		byHandle, err := f.st.SettingsByHandle(t.Context(), f.reader.Handle)
		require.NoError(t, err)
		require.True(t, byHandle.OptOutElectronic, "senders see it by the handle")

		_, page = b.get(pathSettings + "?gespeichert=1")
		require.Contains(t, page, "Ihre Einstellungen wurden gespeichert.")
		require.Contains(t, page, `aria-describedby="bekanntgabe-erklaerung" checked`)

		// A Bescheid provided after the opt-out says it is not notified here.
		m := message("Ihr Bescheid")
		m.Kind = postfach.Bescheid
		_, page = b.get(messagePath(f.deliver(m)))
		require.Contains(t, page, "Sie haben die elektronische Bekanntgabe ausgeschlossen")
		require.NotContains(t, page, "bekannt gegeben.</strong>")
	})
}
