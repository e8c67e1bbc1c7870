package inbox

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
)

var timelineRE = regexp.MustCompile(`(?s)<h2 class="kern-heading-medium">Verlauf des Vorgangs</h2>\s*<ol class="kern-list">.*?</ol>`)

// The list filtered by a Vorgang shows its status timeline above the
// messages, the same as the message page; a Vorgang with updates but no
// message too. Another account's updates stay out.
func TestListShowsVorgangTimeline(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		ctx := t.Context()
		m := message("Eingangsbestätigung")
		id := f.deliver(m)
		status := func(account, vorgang string, s postfach.Status, details string) {
			f.advance(time.Minute)
			require.NoError(t, f.st.AddStatus(ctx, &postfach.StatusUpdate{AccountID: account,
				ApplicationID: vorgang, Sender: m.Sender, Status: s, Details: details}))
		}
		status(f.reader.AccountID, "vorgang-1", postfach.Received, "Antrag vollständig")
		status(f.reader.AccountID, "vorgang-1", postfach.ActionRequired, "Mietvertrag <fehlt>")
		status(f.reader.AccountID, "vorgang-2", postfach.Processing, "Prüfung läuft")
		status("acct-max", "vorgang-2", postfach.Completed, "Fremder Vorgang")

		b := f.browser()
		_, page := b.get(Path)
		require.NotContains(t, page, "Verlauf des Vorgangs", "only for one Vorgang")

		_, list := b.get(Path + "?vorgang=vorgang-1")
		_, msg := b.get(messagePath(id))
		onList, onMessage := timelineRE.FindString(list), timelineRE.FindString(msg)
		require.NotEmpty(t, onList)
		require.Equal(t, onMessage, onList, "one partial")
		require.Regexp(t, `(?s)<strong>Antrag eingegangen</strong> – Antrag vollständig .*`+
			`<strong>Handlung erforderlich</strong> – Mietvertrag &lt;fehlt&gt; \(Landkreis Rostock – Bauamt\)</li>`, onList)
		require.Less(t, strings.Index(list, "Verlauf des Vorgangs"), strings.Index(list, `id="nachrichten-titel"`), "above the list")
		require.Equal(t, 1, rows(list))

		_, page = b.get(Path + "?vorgang=vorgang-2")
		require.Contains(t, timelineRE.FindString(page), "<strong>In Bearbeitung</strong> – Prüfung läuft")
		require.NotContains(t, page, "Fremder Vorgang")
		require.Contains(t, page, "Keine Nachricht passt zu Ihrem Filter.")
		require.Zero(t, rows(page))
	})
}
