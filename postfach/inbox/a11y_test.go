package inbox

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
)

// The list's subject is each row's header, under a heading; a locked
// row's link names the message it opens (WCAG 2.4.4) and its status
// keeps the read state beside the level it needs.
func TestListRowsAccessible(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		open := f.deliver(message("Eingangsbestätigung"))
		locked := f.deliver(secret())
		b := f.browser()
		_, page := b.get(Path)
		require.Regexp(t, `<h2 class="kern-heading-medium" id="nachrichten-titel">Nachrichten</h2>\s*<table class="kern-table">\s*<caption`, page)
		require.Contains(t, page, `<th class="kern-table__cell" scope="row"><a class="kern-link" href="/konto/postfach/`+open+`"><strong>Eingangsbestätigung</strong></a></th>`)
		require.Contains(t, page, `<th class="kern-table__cell" scope="row"><a class="kern-link" href="/konto/postfach/`+locked+`">`+
			`Inhalt erst nach Anmeldung mit Online-Ausweis<span class="kern-sr-only">: Nachricht von Landkreis Rostock – Bauamt vom 02.03.2026</span></a></th>`)
		require.Contains(t, page, `<td class="kern-table__cell">ungelesen, Vertrauensniveau hoch erforderlich</td>`)
		requireNoSecret(t, page)

		b.lang = "en"
		_, page = b.get(Path)
		require.Contains(t, page, `<h2 class="kern-heading-medium" id="nachrichten-titel">Messages</h2>`)
		require.Contains(t, page, `Content only after logging in with your online ID card<span class="kern-sr-only">: `+
			`Message from <span lang="de">Landkreis Rostock – Bauamt</span>, 2 March 2026</span></a></th>`)
		require.Contains(t, page, `<td class="kern-table__cell">unread, trust level high required</td>`)
	})
}

// The locked page's notice is static content, no live region.
func TestLockedNoticeNoLiveRegion(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		id := f.deliver(secret())
		b := f.browser()
		for _, lang := range []string{"", "en"} {
			b.lang = lang
			_, page := b.get(messagePath(id))
			require.Contains(t, page, `<div class="kern-alert kern-alert--info">`, lang)
			require.NotContains(t, page, `role="status"`, lang)
		}
	})
}

// On English pages the senders' German words carry lang="de" (WCAG 3.1.2).
func TestEnglishPagesMarkGermanContent(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		m := replyable("Ihr Bescheid")
		m.Body = "Bitte prüfen Sie den Bescheid."
		id := f.deliver(m)
		locked := f.deliver(secret())
		require.NoError(t, f.st.AddStatus(t.Context(), &postfach.StatusUpdate{AccountID: f.reader.AccountID,
			ApplicationID: "vorgang-1", Sender: m.Sender, Status: postfach.Processing, Details: "Prüfung läuft"}))
		b := f.browser()
		b.lang = "en"
		const sender = "Landkreis Rostock – Bauamt"
		for path, want := range map[string][]string{
			Path: {`<td class="kern-table__cell" lang="de">` + sender + `</td>`,
				`<th class="kern-table__cell" scope="row" lang="de"><a class="kern-link" href="/konto/postfach/` + id + `">`,
				`<option value="` + sender + `" lang="de">`},
			Path + "?vorgang=vorgang-1": {`<strong>Being processed</strong> – <span lang="de">Prüfung läuft</span> (<span lang="de">` + sender + `</span>)`},
			messagePath(id): {`<h1 class="kern-heading-x-large" lang="de">Ihr Bescheid</h1>`,
				`<dd class="kern-description-list-item__value" lang="de">` + sender + `</dd>`,
				`<div lang="de">` + "\n" + `<p class="kern-body">Bitte prüfen Sie den Bescheid.</p>`,
				`– <span lang="de">Prüfung läuft</span> (<span lang="de">` + sender + `</span>)`},
			messagePath(id) + "/antworten": {`To the message “<span lang="de">Ihr Bescheid</span>” from <span lang="de">` + sender + `</span>.`},
			messagePath(id) + "/loeschen":  {`<dd class="kern-description-list-item__value" lang="de">Ihr Bescheid</dd>`, `lang="de">` + sender + `</dd>`},
			messagePath(locked):            {`<h1 class="kern-heading-x-large">Message from <span lang="de">` + sender + `</span></h1>`},
		} {
			_, page := b.get(path)
			for _, s := range want {
				require.Contains(t, page, s, path)
			}
		}
		b.lang = "de" // the German pages need no marks
		_, page := b.get(messagePath(id))
		require.Contains(t, bodyOf(page), "Prüfung läuft")
		require.NotRegexp(t, regexp.MustCompile(`lang="de"`), bodyOf(page))
	})
}

var mainRE = regexp.MustCompile(`(?s)<main.*</main>`)

// bodyOf is the page's <main>.
func bodyOf(page string) string { return mainRE.FindString(page) }
