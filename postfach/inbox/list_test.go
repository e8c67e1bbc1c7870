package inbox

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
)

// The inbox filters by kind, sender, Vorgang and search text, pages with
// a cursor and counts the unread messages in its heading.
func TestListFiltersSearchAndPages(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		_, page := b.get(Path)
		require.Contains(t, page, "Postfach – keine ungelesenen Nachrichten")
		require.Contains(t, page, "Ihr Postfach ist leer.")
		require.Zero(t, rows(page))

		for i := range 21 {
			f.deliver(message(fmt.Sprintf("Eingangsbestätigung %02d", i)))
		}
		bescheid := message("Ihr Bescheid zur Baugenehmigung")
		bescheid.Kind, bescheid.Reference, bescheid.ApplicationID = postfach.Bescheid, "AZ 77-1/2026", "vorgang-7"
		bescheid.Sender.Name = "Stadt Schwerin – Wohngeldstelle"
		bid := f.deliver(bescheid)

		resp, page := b.get(Path)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, page, "Postfach – 22 ungelesene Nachrichten")
		require.Equal(t, 20, rows(page), "a page holds 20")
		require.Contains(t, page, `id="nachricht-`+bid+`"`, "newest first")
		require.Contains(t, page, "<strong>Ihr Bescheid zur Baugenehmigung</strong>", "unread in bold …")
		require.Contains(t, page, ">ungelesen</td>", "… and said in words")
		require.Contains(t, page, `<option value="Stadt Schwerin – Wohngeldstelle">`, "senders to filter by")
		next := regexp.MustCompile(`href="([^"]+)">Weitere Nachrichten<`).FindStringSubmatch(page)
		require.NotNil(t, next)

		_, page = b.get(html.UnescapeString(next[1]))
		require.Equal(t, 2, rows(page))
		require.Contains(t, page, "Eingangsbestätigung 00")
		require.NotContains(t, page, "Weitere Nachrichten")
		require.Contains(t, page, `href="/konto/postfach">Zurück zur ersten Seite<`)

		for name, query := range map[string]string{
			"kind": "?art=Bescheid", "sender": "?absender=Stadt+Schwerin+%E2%80%93+Wohngeldstelle",
			"vorgang": "?vorgang=vorgang-7", "reference": "?q=77-1", "subject": "?q=baugenehmigung",
		} {
			_, page = b.get(Path + query)
			require.Equal(t, 1, rows(page), name)
			require.Contains(t, page, `id="nachricht-`+bid+`"`, name)
			require.Contains(t, page, "Posteingang (gefiltert)", name)
		}
		_, page = b.get(Path + "?q=gibt-es-nicht")
		require.Contains(t, page, "Keine Nachricht passt zu Ihrem Filter.")
	})
}

// A too long search term is an error that links to its field.
func TestListSearchTooLong(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		resp, page := f.browser().get(Path + "?q=" + strings.Repeat("a", maxQuery+1))
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		require.Contains(t, page, `href="#q"`)
		require.Contains(t, page, "höchstens 200 Zeichen")
	})
}

// The count excludes read and archived messages.
func TestUnreadCount(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		first := f.deliver(message("Erste"))
		f.deliver(message("Zweite"))
		archived := f.deliver(message("Dritte"))
		n, err := f.ib.UnreadCount(ctx, f.reader.AccountID)
		require.NoError(t, err)
		require.Equal(t, 3, n)

		b := f.browser()
		resp, _ := b.get(messagePath(first))
		require.Equal(t, http.StatusOK, resp.StatusCode)
		resp, _ = b.post(messagePath(archived)+"/archivieren", url.Values{})
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		n, err = f.ib.UnreadCount(ctx, f.reader.AccountID)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		_, page := b.get(Path)
		require.Contains(t, page, "Postfach – 1 ungelesene Nachricht<")
		require.Equal(t, 2, rows(page))
		require.Contains(t, page, ">gelesen</td>")
	})
}

// The English twin says the same.
func TestListInEnglish(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		f.deliver(message("Eingangsbestätigung"))
		b := f.browser()
		b.lang = "en"
		_, page := b.get(Path)
		require.Contains(t, page, "Mailbox – 1 unread message<")
		require.Contains(t, page, "<caption class=\"kern-title\">Inbox</caption>")
		require.Contains(t, page, ">unread</td>")
	})
}
