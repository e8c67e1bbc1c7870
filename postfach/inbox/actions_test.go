package inbox

import (
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
)

// Archiving moves a message out of the inbox into the archive and back.
func TestArchive(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		id := f.deliver(message("Abzulegen"))
		f.deliver(message("Bleibt"))
		b := f.browser()
		b.get(messagePath(id))
		resp, _ := b.post(messagePath(id)+"/archivieren", url.Values{})
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		require.Equal(t, messagePath(id)+"?erfolg=archiviert", resp.Header.Get("Location"))
		require.NotNil(t, f.get(id).ArchivedAt)

		_, page := b.get(Path)
		require.Equal(t, 1, rows(page))
		require.NotContains(t, page, `id="nachricht-`+id+`"`)
		_, page = b.get(Path + "?archiv=1")
		require.Equal(t, 1, rows(page))
		require.Contains(t, page, `id="nachricht-`+id+`"`)
		require.Contains(t, page, "Archivierte Nachrichten")

		_, page = b.get(messagePath(id) + "?erfolg=archiviert")
		require.Contains(t, page, "Die Nachricht wurde archiviert.")
		require.Contains(t, page, `href="/konto/postfach?archiv=1">Zurück zum Archiv`)
		resp, _ = b.post(messagePath(id)+"/zuruecklegen", url.Values{})
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		require.Nil(t, f.get(id).ArchivedAt)

		resp, _ = b.post(messagePath("gibt-es-nicht")+"/archivieren", url.Values{})
		require.Equal(t, http.StatusNotFound, resp.StatusCode)
	})
}

// A form without the session's token changes nothing (portal.Protect).
func TestArchiveNeedsToken(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		id := f.deliver(message("Abzulegen"))
		b := f.browser()
		b.get(messagePath(id))
		b.page = `name="csrf_token" value="falsch"`
		resp, _ := b.post(messagePath(id)+"/archivieren", url.Values{})
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		require.Nil(t, f.get(id).ArchivedAt)
	})
}

// A Bescheid whose Bekanntgabe is not final is not deleted, and the page
// says why; a Nachricht is deleted after the confirmation.
func TestDelete(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		bescheid := message("Ihr Bescheid")
		bescheid.Kind = postfach.Bescheid
		bid := f.deliver(bescheid)
		nid := f.deliver(message("Eingangsbestätigung"))
		b := f.browser()

		b.get(messagePath(bid) + "/loeschen")
		resp, page := b.post(messagePath(bid)+"/loeschen", url.Values{})
		require.Equal(t, http.StatusConflict, resp.StatusCode)
		require.Contains(t, page, "Bescheid kann noch nicht gelöscht werden")
		require.Contains(t, page, "Die Bekanntgabe dieses Bescheids ist noch nicht abgeschlossen.")
		require.Contains(t, page, `Er wird am <time datetime="2026-03-04T23:00:00Z">05.03.2026</time> bekannt gegeben`)
		require.NotNil(t, f.get(bid), "still there")

		resp, page = b.get(messagePath(nid) + "/loeschen")
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, page, "Möchten Sie diese Nachricht endgültig löschen?")
		require.Contains(t, page, "Eingangsbestätigung")
		resp, _ = b.post(messagePath(nid)+"/loeschen", url.Values{})
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		require.Equal(t, Path+"?geloescht=1", resp.Header.Get("Location"))
		_, err := f.st.Get(t.Context(), f.reader.AccountID, nid)
		require.True(t, errors.Is(err, postfach.ErrNoMessage), "%v", err)
		_, page = b.get(Path + "?geloescht=1")
		require.Contains(t, page, "Die Nachricht wurde gelöscht.")
		require.Equal(t, 1, rows(page))
	})
}

// Deleting a message above the session's level needs the step-up.
func TestDeleteAboveLevel(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		id := f.deliver(secret())
		b := f.browser()
		resp, page := b.get(messagePath(id) + "/loeschen")
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		requireNoSecret(t, page)
		resp, _ = b.post(messagePath(id)+"/loeschen", url.Values{})
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		require.NotNil(t, f.get(id))
	})
}
