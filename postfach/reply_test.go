package postfach_test

import (
	"context"
	"crypto/sha512"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/postfach"
	"mvnk/store"
)

// replyable is a message at level 3 whose sender allows replies.
func replyable(t *testing.T, f *fixture) string {
	m := sample(postfach.Nachforderung)
	m.RequiredLevel, m.ReplyAllowed = trust.Substanziell, true
	return create(t, f, m)
}

// upload is a file as a citizen uploads it: no hash, no size.
func upload(name, content string) postfach.Attachment {
	return postfach.Attachment{Filename: name, MediaType: "application/pdf", Content: []byte(content)}
}

func TestCreateReplyStoresEncryptedWithEvidenceAndEvent(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		subscribe(t, f)
		id := replyable(t, f)
		r, err := f.st.CreateReply(ctx, mailbox.AccountID, id, trust.Substanziell,
			"GEHEIME-ANTWORT", []postfach.Attachment{upload("nachweis.pdf", "GEHEIMER-NACHWEIS")})
		require.NoError(t, err)
		sum := sha512.Sum512([]byte("GEHEIMER-NACHWEIS"))
		require.Equal(t, hex.EncodeToString(sum[:]), r.Attachments[0].SHA512)
		require.EqualValues(t, len("GEHEIMER-NACHWEIS"), r.Attachments[0].Size)
		require.True(t, f.now.Equal(r.CreatedAt))

		var body string
		require.NoError(t, f.db.QueryRow(`SELECT body FROM postfach_replies WHERE id = $1`, r.ID).Scan(&body))
		require.NotContains(t, body, "GEHEIM")
		var blob []byte
		require.NoError(t, f.db.QueryRow(`SELECT data FROM postfach_blobs WHERE id = $1`, r.Attachments[0].ID).Scan(&blob))
		require.NotContains(t, string(blob), "GEHEIM")

		list, err := f.st.Replies(ctx, mailbox.AccountID, id)
		require.NoError(t, err)
		require.Len(t, list, 1)
		require.Equal(t, "GEHEIME-ANTWORT", list[0].Body)
		require.Equal(t, id, list[0].MessageID)
		require.Len(t, list[0].Attachments, 1)
		require.Nil(t, list[0].Attachments[0].Content)
		require.Equal(t, r.Attachments[0].SHA512, list[0].Attachments[0].SHA512)
		a, err := f.st.ReplyAttachment(ctx, mailbox.AccountID, r.ID, r.Attachments[0].ID)
		require.NoError(t, err)
		require.Equal(t, "GEHEIMER-NACHWEIS", string(a.Content))

		require.Contains(t, auditTypes(t, f), postfach.EventReplyCreated)
		require.Equal(t, 1, count(t, f, `SELECT COUNT(*) FROM postfach_webhook_events WHERE event_type = 'reply.created'
			AND body LIKE $1`, `%"reply_id":"`+r.ID+`"%`))
		other, err := f.st.Replies(ctx, "other-account", id)
		require.NoError(t, err)
		require.Empty(t, other)
	})
}

func TestCreateReplyRefusals(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		id := replyable(t, f)
		_, err := f.st.CreateReply(ctx, mailbox.AccountID, id, trust.Basis, "Antwort", nil)
		require.ErrorIs(t, err, postfach.ErrLevelTooLow)
		closed := create(t, f, sample(postfach.Nachricht))
		_, err = f.st.CreateReply(ctx, mailbox.AccountID, closed, trust.Hoch, "Antwort", nil)
		require.ErrorIs(t, err, postfach.ErrReplyNotAllowed)
		_, err = f.st.CreateReply(ctx, "other-account", id, trust.Hoch, "Antwort", nil)
		require.ErrorIs(t, err, postfach.ErrNoMessage)

		exe := upload("tool.exe", "MZ")
		exe.MediaType = "application/x-msdownload"
		big := upload("gross.pdf", strings.Repeat("x", postfach.MaxAttachmentSize+1))
		bidi := upload("rechnung\u202Efdp.exe", "%PDF")
		bidi.MediaType = "text/html"
		_, err = f.st.CreateReply(ctx, mailbox.AccountID, id, trust.Hoch, " ",
			[]postfach.Attachment{upload("ok.pdf", "%PDF"), exe, big, bidi})
		var inv *postfach.InvalidError
		require.ErrorAs(t, err, &inv)
		fields := map[string]string{}
		for _, fe := range inv.Fields {
			fields[fe.Field] = fe.Message
		}
		require.Equal(t, map[string]string{
			"body":           "Bitte geben Sie einen Text für Ihre Antwort ein.",
			"attachments[1]": "„tool.exe“ hat kein erlaubtes Format. Erlaubt sind PDF, PNG, JPEG, XML, Text und CSV.",
			"attachments[2]": "„gross.pdf“ ist größer als 10 MB.",
			// Never echoed: the name would show reversed (rechnungexe.pdf).
			"attachments[3]": "Eine Datei hat kein erlaubtes Format. Erlaubt sind PDF, PNG, JPEG, XML, Text und CSV.",
		}, fields)
		require.Contains(t, inv.Fields, postfach.FieldError{Field: "attachments[3]", Code: postfach.CodeInvalidFilename,
			Message: "Der Name einer Datei ist leer, zu lang oder enthält Steuerzeichen, Schreibrichtungszeichen oder Schrägstriche. Bitte benennen Sie die Datei um."})
		_, err = f.st.CreateReply(ctx, mailbox.AccountID, id, trust.Hoch, strings.Repeat("ä", postfach.MaxReplyBody+1), nil)
		require.ErrorAs(t, err, &inv)
		require.Equal(t, []postfach.FieldError{{Field: "body", Code: postfach.CodeTooLong,
			Message: "Ihre Antwort darf höchstens 20.000 Zeichen lang sein."}}, inv.Fields)
		_, err = f.st.CreateReply(ctx, mailbox.AccountID, id, trust.Hoch, strings.Repeat("ä", postfach.MaxReplyBody), nil)
		require.NoError(t, err, "exactly the limit is fine")
		require.Equal(t, 1, count(t, f, `SELECT COUNT(*) FROM postfach_replies`))
		require.Zero(t, count(t, f, `SELECT COUNT(*) FROM postfach_blobs`))
	})
}

// A reply whose event can't be queued is not stored, and its blobs are
// removed again.
func TestCreateReplyRollsBack(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		id := replyable(t, f)
		f.st.Events = failingEvents{}
		_, err := f.st.CreateReply(context.Background(), mailbox.AccountID, id, trust.Hoch, "Antwort",
			[]postfach.Attachment{upload("a.pdf", "%PDF a")})
		require.ErrorIs(t, err, errEventQueue)
		require.Zero(t, count(t, f, `SELECT COUNT(*) FROM postfach_replies`))
		require.Zero(t, count(t, f, `SELECT COUNT(*) FROM postfach_reply_attachments`))
		require.Zero(t, count(t, f, `SELECT COUNT(*) FROM postfach_blobs`))
	})
}

func TestReplyForSender(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		id := replyable(t, f)
		r, err := f.st.CreateReply(ctx, mailbox.AccountID, id, trust.Hoch, "Hier der Nachweis.",
			[]postfach.Attachment{upload("nachweis.pdf", "%PDF nachweis")})
		require.NoError(t, err)
		got, m, err := f.st.ReplyForSender(ctx, "bauamt-app", r.ID)
		require.NoError(t, err)
		require.Equal(t, "Hier der Nachweis.", got.Body)
		require.Equal(t, "vorgang-1", m.ApplicationID)
		require.Len(t, got.Attachments, 1)
		_, _, err = f.st.ReplyForSender(ctx, "other-app", r.ID)
		require.ErrorIs(t, err, postfach.ErrNoReply)
		require.ErrorIs(t, err, store.ErrNotFound)
		a, err := f.st.ReplyAttachmentForSender(ctx, "bauamt-app", r.ID, r.Attachments[0].ID)
		require.NoError(t, err)
		require.Equal(t, "%PDF nachweis", string(a.Content))
		_, err = f.st.ReplyAttachmentForSender(ctx, "bauamt-app", r.ID, "nope")
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = f.st.ReplyAttachmentForSender(ctx, "other-app", r.ID, r.Attachments[0].ID)
		require.ErrorIs(t, err, postfach.ErrNoReply)
	})
}

// Deleting a message removes its replies and their blobs.
func TestDeleteRemovesReplies(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		id := replyable(t, f)
		_, err := f.st.CreateReply(ctx, mailbox.AccountID, id, trust.Hoch, "Antwort",
			[]postfach.Attachment{upload("a.pdf", "%PDF a")})
		require.NoError(t, err)
		require.Equal(t, 1, count(t, f, `SELECT COUNT(*) FROM postfach_blobs`))
		require.NoError(t, f.st.Delete(ctx, mailbox.AccountID, id))
		require.Zero(t, count(t, f, `SELECT COUNT(*) FROM postfach_replies`))
		require.Zero(t, count(t, f, `SELECT COUNT(*) FROM postfach_reply_attachments`))
		require.Zero(t, count(t, f, `SELECT COUNT(*) FROM postfach_blobs`))
	})
}

func TestSenders(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		for _, name := range []string{"Zollamt", "Ärztekammer", "Bauamt", "Zollamt"} {
			m := sample(postfach.Nachricht)
			m.Sender.Name = name
			create(t, f, m)
		}
		other := sample(postfach.Nachricht)
		other.Mailbox, other.Sender.Name = postfach.Mailbox{Handle: "h2", AccountID: "acct2"}, "Anderes Amt"
		create(t, f, other)
		got, err := f.st.Senders(context.Background(), mailbox.AccountID)
		require.NoError(t, err)
		require.Equal(t, []string{"Ärztekammer", "Bauamt", "Zollamt"}, got)
		got, err = f.st.Senders(context.Background(), "acct3")
		require.NoError(t, err)
		require.Empty(t, got)
	})
}
