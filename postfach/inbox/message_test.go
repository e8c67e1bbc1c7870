package inbox

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/postfach"
)

// secret is a message that needs the online ID card; none of its
// content may reach a page below that level.
func secret() *postfach.Message {
	m := message("Geheimer Betreff zur Steuer")
	m.Body = "Geheimer Inhalt: Ihr Einkommen"
	m.RequiredLevel = trust.Hoch
	m.Attachments = []postfach.Attachment{file("geheim-steuer.pdf", "application/pdf", "%PDF-1.7 geheim")}
	return m
}

func requireNoSecret(t *testing.T, page string) {
	t.Helper()
	for _, s := range []string{"Geheimer Betreff", "Geheimer Inhalt", "geheim-steuer", "AZ 63-123", "Baugenehmigung"} {
		require.NotContains(t, page, s)
	}
}

// Above the session's level the list and the message show only sender,
// kind, date and the level, with the step-up; after it the message opens
// and its first retrieval is recorded with the level.
func TestAboveLevelPlaceholderThenStepUp(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		id := f.deliver(secret())
		b := f.browser()
		_, page := b.get(Path)
		requireNoSecret(t, page)
		require.Contains(t, page, "Inhalt erst nach Anmeldung mit Online-Ausweis")
		require.Contains(t, page, "Vertrauensniveau hoch erforderlich")
		require.Contains(t, page, "Landkreis Rostock – Bauamt")

		resp, page := b.get(messagePath(id))
		require.Equal(t, http.StatusOK, resp.StatusCode)
		requireNoSecret(t, page)
		require.Contains(t, page, "Nachricht von Landkreis Rostock – Bauamt")
		require.Contains(t, page, "Vertrauensniveau hoch")
		stepUp := `href="/anmelden/eid?niveau=4&amp;weiter=%2Fkonto%2Fpostfach%2F` + id + `"`
		require.Contains(t, page, stepUp)
		require.Contains(t, page, "Zum Lesen mit Online-Ausweis anmelden")
		require.Nil(t, f.get(id).FirstRetrievedAt, "not retrieved below its level")

		f.level(trust.Substanziell)
		_, page = b.get(messagePath(id))
		requireNoSecret(t, page)

		f.level(trust.Hoch) // back from the step-up
		resp, page = b.get(messagePath(id))
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, page, "<h1 class=\"kern-heading-x-large\">Geheimer Betreff zur Steuer</h1>")
		require.Contains(t, page, "Geheimer Inhalt: Ihr Einkommen")
		require.Contains(t, page, "geheim-steuer.pdf herunterladen")
		m := f.get(id)
		require.NotNil(t, m.FirstRetrievedAt)
		require.Equal(t, trust.Hoch, m.RetrievedLevel)
		require.Equal(t, postfach.Abgerufen, m.State)
	})
}

// The message page shows its facts, the body as escaped paragraphs,
// the attachments, the Vorgang's timeline and the Bekanntgabe day.
func TestMessagePage(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		m := message("Ihr Bescheid")
		m.Kind = postfach.Bescheid
		m.Body = "Sehr geehrte Frau Mustermann,\r\n\r\nZeile eins\nZeile <b>zwei</b>\n\n<script>alert(1)</script>\n\n- **Antrag**\n- https://x.de/a?b=1&c=<2>."
		m.Attachments = []postfach.Attachment{file("Bescheid über Wohngeld.pdf", "application/pdf", strings.Repeat("x", 12_345))}
		id := f.deliver(m)
		require.NoError(t, f.st.AddStatus(t.Context(), &postfach.StatusUpdate{AccountID: f.reader.AccountID,
			ApplicationID: "vorgang-1", Sender: m.Sender, Status: postfach.Processing, Details: "Prüfung läuft"}))

		resp, page := f.browser().get(messagePath(id))
		require.Equal(t, http.StatusOK, resp.StatusCode)
		for _, s := range []string{
			"<dd class=\"kern-description-list-item__value\">Baugenehmigung</dd>",
			"urn:de:fim:leika:leistung:99010003001006", "AZ 63-123/2026",
			`href="/konto/postfach?vorgang=vorgang-1">vorgang-1</a>`,
			"<p class=\"kern-body\">Sehr geehrte Frau Mustermann,</p>",
			"<p class=\"kern-body\">Zeile eins<br>Zeile &lt;b&gt;zwei&lt;/b&gt;</p>",
			"&lt;script&gt;alert(1)&lt;/script&gt;",
			`<ul class="kern-list">` + "\n<li><strong>Antrag</strong></li>\n" + `<li><a class="kern-link" href="https://x.de/a?b=1&amp;c=" rel="noopener noreferrer">https://x.de/a?b=1&amp;c=</a>&lt;2&gt;.</li>` + "\n</ul>",
			"Bescheid über Wohngeld.pdf herunterladen", "<td class=\"kern-table__cell\">PDF</td>", "12 KB",
			"<strong>In Bearbeitung</strong> – Prüfung läuft",
			"am dritten Tag nach der Bereitstellung",
			`Der Bescheid wird am <time datetime="2026-03-04T23:00:00Z">05.03.2026</time> bekannt gegeben.`,
			`action="/konto/postfach/` + id + `/archivieren"`,
			"Löschen können Sie diesen Bescheid, sobald er bekannt gegeben ist.",
		} {
			require.Contains(t, page, s)
		}
		require.NotContains(t, page, `/loeschen"`, "a Bescheid before its Bekanntgabe can't be deleted")
		require.NotContains(t, page, "<script>alert")
		require.NotContains(t, page, "/antworten", "the sender takes no replies")
	})
}

// Another account's message, or none, is the 404 page.
func TestMessageNotFound(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		id := f.deliver(message("Fremd"))
		f.as(Reader{AccountID: "acct-max", Handle: "9a8b7c6d-0000-4000-8000-000000000001", Level: trust.Hoch})
		b := f.browser()
		for _, path := range []string{messagePath(id), messagePath("gibt-es-nicht"),
			messagePath(id) + "/anhang/x", messagePath(id) + "/loeschen", messagePath(id) + "/antworten"} {
			resp, page := b.get(path)
			require.Equal(t, http.StatusNotFound, resp.StatusCode, path)
			require.NotContains(t, page, "Fremd")
		}
	})
}
