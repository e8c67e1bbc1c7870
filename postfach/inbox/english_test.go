package inbox

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
)

// Every page has its English twin, valid and without German leftovers
// in its own words (the store's data stays as the sender wrote it).
func TestPagesInEnglish(t *testing.T) {
	run(t, func(t *testing.T, f *fixture) {
		m := replyable("Ihr Bescheid")
		m.Kind = postfach.Bescheid
		m.Attachments = []postfach.Attachment{file("bescheid.pdf", "application/pdf", "%PDF-1.7")}
		id := f.deliver(m)
		locked := f.deliver(secret())
		b := f.browser()
		b.lang = "en"
		for path, want := range map[string]string{
			Path:                              "Filter messages",
			messagePath(id):                   "The decision will be notified on <time datetime=\"2026-03-04T23:00:00Z\">5 March 2026</time>",
			messagePath(locked):               "Log in with your online ID card to read it",
			messagePath(id) + "/antworten":    "Attach files",
			messagePath(id) + "/loeschen":     "It will be notified on <time datetime=\"2026-03-04T23:00:00Z\">5 March 2026</time>; after that you can delete it.",
			pathSettings:                      "Electronic notification of decisions",
			messagePath(locked) + "/anhang/x": "Trust level high",
		} {
			_, page := b.get(path)
			require.Contains(t, page, want, path)
			require.NotContains(t, page, "Zurück", path)
		}
		b.get(messagePath(id) + "/antworten")
		resp, page := b.postMultipart(messagePath(id)+"/antworten", url.Values{"antwort": {""}}, nil)
		require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
		require.Contains(t, page, `href="#antwort">Please write your reply.</a>`)
	})
}
