package e2e

import (
	"context"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
)

// Names of the Postfach journeys' Behörden and Vorgang.
const (
	landkreis = "Landkreis Vorpommern-Greifswald"
	stadt     = "Hansestadt Greifswald"
	vorgang   = "vorgang-4711"
)

// postfachCase is a citizen logged in with a password whose Postfach
// holds what two Fachverfahren sent: the Landkreis a Nachforderung and a
// Bescheid of one Vorgang (with its ZBP status), the Stadt a plain
// Nachricht. The Landkreis listens for reply.created.
type postfachCase struct {
	j      *journey
	acct   *account.Account
	fv     *http.Client // the Landkreis's Fachverfahren
	sink   *hookSink
	secret string // the webhook's HMAC secret

	nachforderung, bescheid, nachricht string // message ids
}

func newPostfachCase(t *testing.T) *postfachCase {
	j := newJourney(t)
	c := &postfachCase{j: j, acct: j.CreateAccount("erika", "erika@example.de", journeyPassword),
		fv: j.Fachverfahren(landkreis), sink: newHookSink(t)}
	hook := j.api(c.fv, http.MethodPut, "/api/postfach/v1/webhook", map[string]any{
		"url": c.sink.srv.URL + "/antwort", "events": []string{"reply.created"}}, http.StatusOK)
	c.secret = hook["secret"].(string)

	c.nachforderung = c.send(c.fv, map[string]any{"kind": "Nachforderung", "subject": "Bitte reichen Sie den Mietvertrag nach",
		"body": "Für Ihren Wohngeldantrag fehlt der Mietvertrag.", "reference": "WG-2026-4711",
		"application_id": vorgang, "required_level": 1, "reply_allowed": true})
	c.bescheid = c.send(c.fv, map[string]any{"kind": "Bescheid", "subject": "Ihr Wohngeldbescheid",
		"body": "Sehr geehrte Frau Mustermann,\n\nIhnen wird Wohngeld bewilligt.", "reference": "WG-2026-0815",
		"application_id": vorgang, "required_level": 1, "bekanntgabe_rule": "ozg9"})
	c.nachricht = c.send(j.Fachverfahren(stadt), map[string]any{"kind": "Nachricht", "sender": stadt,
		"subject": "Ihr neuer Parkausweis", "body": "Ihr Anwohnerparkausweis liegt zur Abholung bereit.",
		"service": "Bewohnerparkausweis"})
	c.status("RECEIVED", "Antrag vollständig eingegangen")
	c.status("ACTION_REQUIRED", "Mietvertrag fehlt")

	j.LoginPassword("erika", journeyPassword)
	j.Open("/konto")
	j.Click("#konto-postfach")
	require.Equal(t, "/konto/postfach", j.Path())
	return c
}

// send delivers a message to the citizen (as the Landkreis unless
// fields name another sender) and returns its id.
func (c *postfachCase) send(fv *http.Client, fields map[string]any) string {
	msg := map[string]any{"recipient": c.acct.PostfachHandle, "sender": landkreis, "service": "Wohngeld"}
	for k, v := range fields {
		msg[k] = v
	}
	sent := c.j.api(fv, http.MethodPost, "/api/postfach/v1/messages", msg, http.StatusCreated)
	return sent["id"].(string)
}

// status posts a ZBP status of the Vorgang.
func (c *postfachCase) status(status, details string) {
	got := c.j.api(c.fv, http.MethodPost, "/api/postfach/v1/applications/"+vorgang+"/status", map[string]any{
		"recipient": c.acct.PostfachHandle, "status": status, "sender": landkreis, "details": details}, http.StatusCreated)
	require.Equal(c.j.t, status, got["status"])
}

// listed are the ids of the messages the list shows, sorted.
func (j *journey) listed() []string {
	j.t.Helper()
	return strings.Fields(j.Eval(`Array.from(document.querySelectorAll("main tbody tr[id^=nachricht-]"),
		r => r.id.slice("nachricht-".length)).sort().join(" ")`))
}

func sorted(ids ...string) []string { return slices.Sorted(slices.Values(ids)) }

// filter submits the inbox's filter form.
func (j *journey) filter() {
	j.t.Helper()
	require.Equal(j.t, int64(http.StatusOK), j.Click(`form[role=search] button[type=submit]`))
}

// openMessage clicks the message's link in the list the tab shows.
func (j *journey) openMessage(id string) {
	j.t.Helper()
	require.Equal(j.t, int64(http.StatusOK), j.Click(fmt.Sprintf(`main a[href="/konto/postfach/%s"]`, id)))
	require.Equal(j.t, "/konto/postfach/"+id, j.Path())
}

// The citizen narrows the inbox by kind, sender, Vorgang and
// Aktenzeichen, reads the Nachforderung with the Vorgang's status, and
// answers it with a PDF; the Landkreis gets the signed reply.created and
// reads the reply and the very bytes of the PDF through the API.
func TestJourneyPostfachCitizenPages(t *testing.T) {
	c := newPostfachCase(t)
	j := c.j
	require.Contains(t, j.Text("h1"), "3 ungelesene Nachrichten")
	require.Equal(t, sorted(c.nachforderung, c.bescheid, c.nachricht), j.listed())
	j.RequireAccessible()

	j.Fill("#art", "Bescheid")
	j.filter()
	require.Equal(t, []string{c.bescheid}, j.listed())
	require.Equal(t, "Posteingang (gefiltert)", j.Text("main caption"))
	j.RequireAccessible()

	j.Click(`form[role=search] a[href="/konto/postfach"]`) // "Filter zurücksetzen"
	require.Equal(t, sorted(c.nachforderung, c.bescheid, c.nachricht), j.listed())
	j.Fill("#absender", stadt)
	j.filter()
	require.Equal(t, []string{c.nachricht}, j.listed())
	j.RequireAccessible()

	j.Click(`form[role=search] a[href="/konto/postfach"]`)
	j.Fill("#q", "wg-2026-0815")
	j.filter()
	require.Equal(t, []string{c.bescheid}, j.listed(), "the Aktenzeichen, in any case")
	j.RequireAccessible()

	j.openMessage(c.bescheid)
	j.Click(`main a[href="/konto/postfach?vorgang=` + vorgang + `"]`)
	require.Equal(t, sorted(c.nachforderung, c.bescheid), j.listed())
	require.Equal(t, vorgang, j.Eval(`document.querySelector("#vorgang").value`))
	j.RequireAccessible()

	j.openMessage(c.nachforderung)
	main := j.Text("main")
	received, required := strings.Index(main, "Antrag eingegangen – Antrag vollständig eingegangen"),
		strings.Index(main, "Handlung erforderlich – Mietvertrag fehlt")
	require.True(t, received >= 0 && required > received, "the timeline, oldest first:\n%s", main)
	j.RequireAccessible()
	c.reply(t)
}

// reply answers the Nachforderung shown: first without text, then with
// text and a PDF, and checks what the Landkreis receives.
func (c *postfachCase) reply(t *testing.T) {
	j := c.j
	j.Click(`main a[href$="/antworten"]`)
	require.Equal(t, "/konto/postfach/"+c.nachforderung+"/antworten", j.Path())
	j.RequireAccessible()
	saveScreenshot(t, j.ctx, "postfach-antworten")

	require.Equal(t, int64(http.StatusUnprocessableEntity), j.Click(`main form button[type=submit]`))
	require.Contains(t, j.Text("#fehler"), "Bitte schreiben Sie Ihre Antwort.")
	require.Equal(t, "#antwort", j.Eval(`document.querySelector("#fehler a").getAttribute("href")`))
	require.Equal(t, "true", j.Eval(`document.querySelector("#antwort").getAttribute("aria-invalid")`))
	require.Contains(t, j.Eval(`document.querySelector("#antwort").getAttribute("aria-describedby")`), "antwort-fehler")
	j.WaitFor(`document.activeElement && document.activeElement.id === "fehler"`) // the summary takes the focus
	j.RequireAccessible()
	j.Run(chromedp.Click(chromedp.CSS(`#fehler a[href="#antwort"]`)))
	j.WaitFor(`document.activeElement && document.activeElement.id === "antwort"`)

	pdf := []byte("%PDF-1.7\n% Mietvertrag Erika Mustermann\n%%EOF\n")
	file := filepath.Join(t.TempDir(), "mietvertrag.pdf")
	require.NoError(t, os.WriteFile(file, pdf, 0o600))
	j.Run(chromedp.SendKeys(chromedp.CSS("#antwort"), "Anbei der Mietvertrag.\nMit freundlichen Grüßen"),
		chromedp.SetUploadFiles(chromedp.CSS("#anhang"), []string{file}))
	require.Equal(t, int64(http.StatusOK), j.Click(`main form button[type=submit]`))
	require.Equal(t, "/konto/postfach/"+c.nachforderung, j.Path())
	require.Equal(t, "Ihre Antwort wurde gesendet.", j.Text("main [role=status]"))
	require.Contains(t, j.Text("main"), "Anbei der Mietvertrag.")
	require.Contains(t, j.Text("main"), "mietvertrag.pdf (PDF, ")
	j.RequireAccessible()
	c.receiveReply(t, pdf)
}

// receiveReply is the Landkreis's side: the webhook, then the API.
func (c *postfachCase) receiveReply(t *testing.T, pdf []byte) {
	ev := c.sink.next(c.j, c.secret)
	require.Equal(t, "reply.created", ev["type"])
	require.Equal(t, c.nachforderung, ev["message_id"])
	require.Equal(t, vorgang, ev["application_id"])
	replyID, _ := ev["reply_id"].(string)
	require.NotEmpty(t, replyID)

	rep := c.j.api(c.fv, http.MethodGet, "/api/postfach/v1/replies/"+replyID, nil, http.StatusOK)
	require.Equal(t, "Anbei der Mietvertrag.\nMit freundlichen Grüßen", rep["body"])
	require.Equal(t, c.nachforderung, rep["message_id"])
	atts, _ := rep["attachments"].([]any)
	require.Len(t, atts, 1)
	att := atts[0].(map[string]any)
	sum := sha512.Sum512(pdf)
	require.Equal(t, "mietvertrag.pdf", att["filename"])
	require.Equal(t, "application/pdf", att["media_type"])
	require.Equal(t, hex.EncodeToString(sum[:]), att["sha512"])

	resp, err := c.fv.Get(c.j.URL + "/api/postfach/v1/replies/" + replyID + "/attachments/" + att["id"].(string))
	require.NoError(t, err)
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(got))
	require.Equal(t, "application/pdf", resp.Header.Get("Content-Type"))
	require.Equal(t, pdf, got)
}

// The citizen files the Bescheid in the archive and takes it back out,
// deletes the plain Nachricht after the confirmation page, and finds no
// way to delete the Bescheid before its Bekanntgabe.
func TestJourneyPostfachCitizenFiling(t *testing.T) {
	c := newPostfachCase(t)
	j := c.j
	j.openMessage(c.bescheid)
	require.Equal(t, "0", j.Eval(`String(document.querySelectorAll('main a[href$="/loeschen"]').length)`))
	require.Contains(t, j.Text("main"), "Löschen können Sie diesen Bescheid, sobald er bekannt gegeben ist.")
	require.Contains(t, j.Text("main"), "am dritten Tag nach der Bereitstellung")
	// A bookmarked delete address does not delete it either; the page
	// says why and offers the archive instead.
	j.Open("/konto/postfach/" + c.bescheid + "/loeschen") // a bookmark: the reason at once, no button
	require.Equal(t, "Bescheid kann noch nicht gelöscht werden", j.Text("h1"))
	require.Equal(t, "0", j.Eval(`String(document.querySelectorAll('main form[action$="/loeschen"]').length)`))
	require.Contains(t, j.Text("main [role=alert]"), "Die Bekanntgabe dieses Bescheids ist noch nicht abgeschlossen.")
	require.Equal(t, "1", j.Eval(`String(document.querySelectorAll('main form[action$="/archivieren"]').length)`))
	j.RequireAccessible()
	j.openMessage(c.bescheid) // "Zurück zur Nachricht"

	j.Click(`main form[action$="/archivieren"] button`)
	require.Equal(t, "Die Nachricht wurde archiviert.", j.Text("main [role=status]"))
	j.Click(`main a[href="/konto/postfach?archiv=1"]`) // "Zurück zum Archiv"
	require.Equal(t, []string{c.bescheid}, j.listed())
	require.Equal(t, "Archivierte Nachrichten", j.Text("main caption"))
	j.RequireAccessible()
	j.Click(`main a[href="/konto/postfach"]`) // "Zum Posteingang"
	require.Equal(t, sorted(c.nachforderung, c.nachricht), j.listed())

	j.Click(`main a[href="/konto/postfach?archiv=1"]`) // "Zum Archiv"
	j.openMessage(c.bescheid)
	j.Click(`main form[action$="/zuruecklegen"] button`)
	require.Equal(t, "Die Nachricht liegt wieder im Posteingang.", j.Text("main [role=status]"))
	j.Click(`main a[href="/konto/postfach"]`) // "Zurück zum Postfach"
	require.Equal(t, sorted(c.nachforderung, c.bescheid, c.nachricht), j.listed())
	j.Click(`main a[href="/konto/postfach?archiv=1"]`)
	require.Empty(t, j.listed())
	require.Contains(t, j.Text("main"), "Ihr Archiv ist leer.")

	j.Click(`main a[href="/konto/postfach"]`)
	j.openMessage(c.nachricht)
	j.Click(`main a[href$="/loeschen"]`)
	require.Equal(t, "/konto/postfach/"+c.nachricht+"/loeschen", j.Path())
	require.Equal(t, "Nachricht löschen", j.Text("h1"))
	j.RequireAccessible()
	j.Click(`main form[action$="/loeschen"] button`)
	require.Equal(t, "/konto/postfach", j.Path())
	require.Equal(t, "Die Nachricht wurde gelöscht.", j.Text("main [role=status]"))
	require.Equal(t, sorted(c.nachforderung, c.bescheid), j.listed())
	j.RequireAccessible()
	require.Equal(t, int64(http.StatusNotFound), j.Open("/konto/postfach/"+c.nachricht))
}

// mails is the number of mails delivered to the address so far.
func (j *journey) mails(to string) int {
	j.t.Helper()
	_, err := j.App.Jobs.RunDue(context.Background())
	require.NoError(j.t, err)
	var n int
	require.NoError(j.t, j.App.DB.QueryRowContext(context.Background(),
		`SELECT COUNT(*) FROM mail_dev WHERE recipient = $1`, to).Scan(&n))
	return n
}

// checked tells whether the checkbox sel is ticked.
func (j *journey) checked(sel string) bool {
	j.t.Helper()
	return j.Eval(fmt.Sprintf(`String(document.querySelector(%q).checked)`, sel)) == "true"
}

// The citizen switches off the e-mail notice and opts out of electronic
// Bekanntgabe; the Landkreis sees the opt-out, and later messages come
// without a mail. Then the Postfach in English.
func TestJourneyPostfachCitizenSettings(t *testing.T) {
	c := newPostfachCase(t)
	j := c.j
	require.Equal(t, 3, j.mails("erika@example.de"), "one notice per message")
	j.Click(`main a[href="/konto/postfach/einstellungen"]`)
	require.Equal(t, "/konto/postfach/einstellungen", j.Path())
	require.True(t, j.checked("#benachrichtigung"))
	require.False(t, j.checked("#keine_elektronische_bekanntgabe"))
	j.RequireAccessible()
	saveScreenshot(t, j.ctx, "postfach-einstellungen")

	j.Run(chromedp.Click(chromedp.CSS(`label[for="benachrichtigung"]`)),
		chromedp.Click(chromedp.CSS(`label[for="keine_elektronische_bekanntgabe"]`)))
	j.Click(`main form button[type=submit]`)
	require.Equal(t, "/konto/postfach/einstellungen", j.Path())
	require.Equal(t, "Ihre Einstellungen wurden gespeichert.", j.Text("main [role=status]"))
	require.False(t, j.checked("#benachrichtigung"))
	require.True(t, j.checked("#keine_elektronische_bekanntgabe"))
	j.RequireAccessible()

	rcpt := j.api(c.fv, http.MethodGet, "/api/postfach/v1/recipients/"+c.acct.PostfachHandle, nil, http.StatusOK)
	require.Equal(t, false, rcpt["electronic_bekanntgabe"])
	later := c.send(c.fv, map[string]any{"kind": "Bescheid", "subject": "Änderungsbescheid",
		"body": "Ihr Wohngeld ändert sich.", "application_id": vorgang, "bekanntgabe_rule": "ozg9"})
	status := j.api(c.fv, http.MethodGet, "/api/postfach/v1/messages/"+later, nil, http.StatusOK)
	require.Equal(t, true, status["electronic_bekanntgabe_excluded"])
	c.send(c.fv, map[string]any{"kind": "Nachricht", "subject": "Eingangsbestätigung", "body": "Ihr Antrag ist eingegangen."})
	// Neither has a notice: the Nachricht by her choice, the Bescheid
	// since it is no electronic Bekanntgabe (no OZG § 9 duty to notify).
	require.Equal(t, 3, j.mails("erika@example.de"), "no notice after switching it off")
	c.english(t)
}

// english switches the page language in the footer and reads the inbox
// and the Nachforderung in English.
func (c *postfachCase) english(t *testing.T) {
	j := c.j
	j.Click(`footer form.mvnk-lang-switch button[value="en"]`)
	require.Equal(t, "en", j.Eval(`document.documentElement.lang`))
	require.Equal(t, "/konto/postfach/einstellungen", j.Path(), "the switch returns to the page")
	j.Click(`main a[href="/konto/postfach"]`)
	require.Equal(t, "en", j.Eval(`document.documentElement.lang`))
	require.Contains(t, j.Text("h1"), "Mailbox – 5 unread messages")
	require.Equal(t, "Inbox", j.Text("main caption"))
	require.Contains(t, j.Text("main"), "Request for documents")
	j.RequireAccessible()

	j.openMessage(c.nachforderung)
	main := j.Text("main")
	for _, s := range []string{"Sender", "History of the case", "Application received", "Action required", "Reply"} {
		require.Contains(t, main, s)
	}
	require.NotContains(t, main, "Absender")
	j.RequireAccessible()
}
