package inbox

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
)

func replyable(subject string) *postfach.Message {
	m := message(subject)
	m.ReplyAllowed = true
	return m
}

// A reply with a file is stored with it and shown on the message.
func TestReplyWithAttachment(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		id := f.deliver(replyable("Bitte reichen Sie Unterlagen nach"))
		b := f.browser()
		_, page := b.get(messagePath(id))
		require.Contains(t, page, `href="/konto/postfach/`+id+`/antworten"`)
		resp, page := b.get(messagePath(id) + "/antworten")
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, page, `enctype="multipart/form-data"`)

		resp, _ = b.postMultipart(messagePath(id)+"/antworten",
			url.Values{"antwort": {"Anbei der Grundriss.\r\n\r\nMit freundlichen Grüßen"}},
			[]upload{{"grundriss.pdf", "application/pdf", "%PDF-1.7 grundriss"}})
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		require.Equal(t, messagePath(id)+"?erfolg=geantwortet", resp.Header.Get("Location"))

		replies, err := f.st.Replies(t.Context(), f.reader.AccountID, id)
		require.NoError(t, err)
		require.Len(t, replies, 1)
		require.Equal(t, "Anbei der Grundriss.\n\nMit freundlichen Grüßen", replies[0].Body)
		require.Len(t, replies[0].Attachments, 1)
		require.Equal(t, "grundriss.pdf", replies[0].Attachments[0].Filename)
		require.Equal(t, "application/pdf", replies[0].Attachments[0].MediaType)
		require.EqualValues(t, len("%PDF-1.7 grundriss"), replies[0].Attachments[0].Size)

		_, page = b.get(messagePath(id) + "?erfolg=geantwortet")
		require.Contains(t, page, "Ihre Antwort wurde gesendet.")
		require.Contains(t, page, "<p class=\"kern-body\">Anbei der Grundriss.</p>")
		require.Contains(t, page, "grundriss.pdf (PDF, 18 Byte)")
	})
}

// A message whose sender takes no replies refuses the form and the post.
func TestReplyNotAllowed(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		id := f.deliver(message("Nur zur Information"))
		b := f.browser()
		resp, page := b.get(messagePath(id) + "/antworten")
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		require.Contains(t, page, "Auf diese Nachricht können Sie nicht antworten.")
		require.NotContains(t, page, "<textarea")

		_, _ = b.get(messagePath(id)) // a page with a token
		resp, _ = b.postMultipart(messagePath(id)+"/antworten", url.Values{"antwort": {"Trotzdem"}}, nil)
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		replies, err := f.st.Replies(t.Context(), f.reader.AccountID, id)
		require.NoError(t, err)
		require.Empty(t, replies)
	})
}

// An invalid reply shows the errors linked to their fields and keeps
// what was typed; nothing is stored.
func TestReplyInvalidKeepsText(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		id := f.deliver(replyable("Rückfrage"))
		b := f.browser()
		path := messagePath(id) + "/antworten"
		b.get(path)
		typed := "Meine <Antwort> & mehr"
		resp, page := b.postMultipart(path, url.Values{"antwort": {typed}},
			[]upload{{"programm.exe", "application/x-msdownload", "MZ"}})
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		require.True(t, strings.HasPrefix(titleOf(page), "Fehler:"), titleOf(page))
		require.Contains(t, page, `<a class="kern-link" href="#anhang">`)
		require.Contains(t, page, "„programm.exe“ hat ein Format, das nicht erlaubt ist")
		require.Contains(t, page, ">Meine &lt;Antwort&gt; &amp; mehr</textarea>")
		require.Contains(t, page, "Bitte wählen Sie Ihre Dateien noch einmal aus")

		resp, page = b.postMultipart(path, url.Values{"antwort": {"  \r\n "}}, nil)
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		require.Contains(t, page, `<a class="kern-link" href="#antwort">Bitte schreiben Sie Ihre Antwort.</a>`)
		require.Contains(t, page, `aria-invalid="true"`)

		resp, page = b.postMultipart(path, url.Values{"antwort": {strings.Repeat("ä", postfach.MaxReplyBody+1)}}, nil)
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		require.Contains(t, page, "Die Antwort darf höchstens")

		replies, err := f.st.Replies(t.Context(), f.reader.AccountID, id)
		require.NoError(t, err)
		require.Empty(t, replies)
	})
}

// Past the limit of replies per hour the form comes back with 429, the
// text kept and when to try again; an hour later it goes through.
func TestReplyLimit(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		id := f.deliver(replyable("Rückfrage"))
		b := f.browser()
		path := messagePath(id) + "/antworten"
		b.get(path)
		for range replyLimit {
			resp, _ := b.postMultipart(path, url.Values{"antwort": {"Danke."}}, nil)
			require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		}
		resp, page := b.postMultipart(path, url.Values{"antwort": {"Noch eine Frage."}}, nil)
		require.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
		require.NotEmpty(t, resp.Header.Get("Retry-After"))
		require.Contains(t, page, "Sie haben in kurzer Zeit viele Antworten gesendet")
		require.Contains(t, page, ">Noch eine Frage.</textarea>")

		f.advance(time.Hour)
		resp, _ = b.postMultipart(path, url.Values{"antwort": {"Noch eine Frage."}}, nil)
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		replies, err := f.st.Replies(t.Context(), f.reader.AccountID, id)
		require.NoError(t, err)
		require.Len(t, replies, replyLimit+1)
	})
}

// A file name with a bidi override is refused with a text that does not
// repeat it (it would show turned around).
func TestReplyFileNameRefusedWithoutEcho(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		id := f.deliver(replyable("Rückfrage"))
		b := f.browser()
		path := messagePath(id) + "/antworten"
		b.get(path)
		resp, page := b.postMultipart(path, url.Values{"antwort": {"Anbei."}},
			[]upload{{"rechnung\u202Efdp.exe", "application/pdf", "%PDF-1.7"}})
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		require.Contains(t, page, "Der Name einer Datei enthält Zeichen, die nicht erlaubt sind")
		require.NotContains(t, page, "\u202E")
		require.Contains(t, page, ">Anbei.</textarea>")
	})
}
