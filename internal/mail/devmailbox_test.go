package mail_test

import (
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/internal/mail"
	"mvnk/internal/testutil"
	"mvnk/portal"
	"mvnk/store"
	"mvnk/store/storetest"
)

type fakeKeyring struct{ keys [][]byte }

func (k fakeKeyring) CookieKeys(context.Context) ([][]byte, error) { return k.keys, nil }

func newKeyring() fakeKeyring {
	hash, block := make([]byte, 32), make([]byte, 32)
	_, _ = rand.Read(hash)
	_, _ = rand.Read(block)
	return fakeKeyring{keys: [][]byte{hash, block}}
}

// devServer wires the dev mailbox as the lead does: its pages on the
// portal's page mux, behind Protect and the security headers.
func devServer(t *testing.T, db *store.DB, box *mail.DevMailbox) *httptest.Server {
	t.Helper()
	p, err := portal.New(portal.Config{PublicURL: &url.URL{Scheme: "http", Host: "localhost"}, Dev: true},
		db, newKeyring(), quiet)
	require.NoError(t, err)
	require.NoError(t, box.AddPages(p))
	pages := http.NewServeMux()
	box.Mount(pages)
	p.Mount(pages)
	srv := httptest.NewServer(p.SecurityHeaders(p.Protect(pages)))
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

// The dev mailbox keeps the mail and logs recipient and subject, never
// the body; a retried delivery is stored once.
func TestDevMailboxStoresAndLogs(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		logs := &testutil.SyncBuffer{}
		box := mail.NewDevMailbox(db, slog.New(slog.NewTextHandler(logs, nil)))
		o := mail.NewOutbox(db, box, quiet)
		queue(t, db, o, testMessage())
		c := newClock()
		n, err := runner(db, c, o).RunDue(context.Background())
		require.NoError(t, err)
		require.Equal(t, 1, n)
		require.Contains(t, logs.String(), "mail to Jürgen Müßig <juergen@example.org>: Bestätigen Sie")
		require.NotContains(t, logs.String(), "code=abc", "no body, no one-time link in the log")

		m := testMessage()
		require.NoError(t, box.Send(context.Background(), m))
		require.NoError(t, box.Send(context.Background(), m))
		require.Equal(t, 2, count(t, db, `SELECT COUNT(*) FROM mail_dev`), "the outbox mail and abc123, each once")
	}, migrations...)
}

func TestDevMailboxPages(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		box := mail.NewDevMailbox(db, quiet)
		srv := devServer(t, db, box)

		status, body := get(t, srv.URL+"/dev/mail")
		require.Equal(t, http.StatusOK, status)
		require.Contains(t, body, `<html lang="de">`)
		require.Contains(t, body, "Entwicklungsinstanz – Test-Postfach, keine echten E-Mails")
		require.Contains(t, body, "Noch keine E-Mails.")

		m := testMessage()
		m.Subject = `<script>alert(1)</script> Grüße`
		m.Text = "Hallo <b>Welt</b>,\nbitte hier klicken: https://konto.example/bestaetigen?code=abc&x=1.\n\n" +
			"Nicht verlinkt: javascript:alert(1) und <a href=\"https://böse.example\">x</a>"
		m.HTML = `<p onclick="x()">Hallo</p>`
		require.NoError(t, box.Send(context.Background(), m))

		status, body = get(t, srv.URL+"/dev/mail")
		require.Equal(t, http.StatusOK, status)
		require.Contains(t, body, `<caption class="kern-title">Empfangene E-Mails, neueste zuerst</caption>`)
		require.Contains(t, body, `<th class="kern-table__header" scope="col">Betreff</th>`)
		require.Contains(t, body, `&lt;script&gt;alert(1)&lt;/script&gt; Grüße`)
		require.NotContains(t, body, "<script>")
		require.Contains(t, body, `href="/dev/mail/abc123"`)

		status, body = get(t, srv.URL+"/dev/mail/abc123")
		require.Equal(t, http.StatusOK, status)
		require.Contains(t, body, `<html lang="de">`)
		require.Contains(t, body, `<h1 class="kern-heading-x-large">&lt;script&gt;`)
		require.Contains(t, body, `<a class="kern-link" href="https://konto.example/bestaetigen?code=abc&amp;x=1">`, "http(s) URLs are links")
		require.Contains(t, body, `x=1</a>.`, "the full stop is not part of the link")
		require.Contains(t, body, "Hallo &lt;b&gt;Welt&lt;/b&gt;,<br>bitte")
		require.NotContains(t, body, `href="javascript`)
		require.Contains(t, body, `&lt;p onclick=&#34;x()&#34;&gt;Hallo&lt;/p&gt;`, "HTML part as source only")
		require.Equal(t, 1, strings.Count(body, "<h1"))

		status, _ = get(t, srv.URL+"/dev/mail/gibtsnicht")
		require.Equal(t, http.StatusNotFound, status)
	}, migrations...)
}
