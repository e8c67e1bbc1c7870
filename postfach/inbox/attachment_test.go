package inbox

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
)

// A download below the message's level is refused with the step-up and
// no content; at the level it is the stored file with safe headers.
func TestDownload(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		m := secret()
		m.Attachments[0].Filename = "Bescheid über Steuer.pdf"
		id := f.deliver(m)
		att := f.get(id).Attachments[0].ID
		path := messagePath(id) + "/anhang/" + att
		b := f.browser()

		resp, page := b.get(path)
		require.Equal(t, http.StatusForbidden, resp.StatusCode)
		require.NotContains(t, page, "%PDF")
		require.NotContains(t, page, "Bescheid über Steuer")
		require.Contains(t, page, `href="/anmelden/eid?niveau=4&amp;weiter=%2Fkonto%2Fpostfach%2F`+id+`"`)
		require.Nil(t, f.get(id).FirstRetrievedAt)

		f.level(trust.Hoch)
		resp, body := b.get(path)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Equal(t, "%PDF-1.7 geheim", body)
		require.Equal(t, "application/pdf", resp.Header.Get("Content-Type"))
		require.Equal(t, `attachment; filename="Bescheid _ber Steuer.pdf"; filename*=UTF-8''Bescheid%20%C3%BCber%20Steuer.pdf`,
			resp.Header.Get("Content-Disposition"))
		require.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
		require.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
		require.Equal(t, trust.Hoch, f.get(id).RetrievedLevel, "the download is a retrieval")

		resp, _ = b.get(messagePath(id) + "/anhang/gibt-es-nicht")
		require.Equal(t, http.StatusNotFound, resp.StatusCode)
	})
}

func TestContentDisposition(t *testing.T) {
	for name, want := range map[string]string{
		"bescheid.pdf":   `attachment; filename="bescheid.pdf"; filename*=UTF-8''bescheid.pdf`,
		`a"b\c;d.txt`:    `attachment; filename="a_b_c;d.txt"; filename*=UTF-8''a%22b%5Cc%3Bd.txt`,
		"Straße 1.xml":   `attachment; filename="Stra_e 1.xml"; filename*=UTF-8''Stra%C3%9Fe%201.xml`,
		"zeile\r\nx.csv": `attachment; filename="zeile__x.csv"; filename*=UTF-8''zeile%0D%0Ax.csv`,
	} {
		require.Equal(t, want, contentDisposition(name), name)
	}
}
