package postfach_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/postfach"
	"mvnk/store"
)

// The citizen's delete hides the message from every citizen read and
// removes body, attachments and replies, but keeps the row's delivery
// facts and Idempotency-Key for the sender; erasing the account removes it.
func TestDeleteIsSoft(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		m := sample(postfach.Nachricht)
		m.ReplyAllowed, m.Attachments = true, []postfach.Attachment{pdf("%PDF anhang")}
		opts := postfach.CreateOptions{IdempotencyKey: "nachricht-1"}
		id, _, err := f.st.Create(ctx, m, opts)
		require.NoError(t, err)
		keep := create(t, f, sample(postfach.Nachricht))
		att := m.Attachments[0].ID
		_, err = f.st.CreateReply(ctx, mailbox.AccountID, id, trust.Basis, "Danke.",
			[]postfach.Attachment{upload("Nachweis.pdf", "%PDF nachweis")})
		require.NoError(t, err)
		f.now = f.now.Add(time.Hour)
		require.NoError(t, f.st.Delete(ctx, mailbox.AccountID, id))

		_, err = f.st.Get(ctx, mailbox.AccountID, id)
		require.ErrorIs(t, err, postfach.ErrNoMessage)
		page, err := f.st.List(ctx, mailbox.AccountID, postfach.Filter{})
		require.NoError(t, err)
		require.Len(t, page.Messages, 1)
		require.Equal(t, keep, page.Messages[0].ID)
		unread, err := f.st.Unread(ctx, mailbox.AccountID)
		require.NoError(t, err)
		require.Equal(t, 1, unread)
		_, err = f.st.Attachment(ctx, mailbox.AccountID, id, att)
		require.ErrorIs(t, err, store.ErrNotFound)
		_, _, err = f.st.MarkRetrieved(ctx, mailbox.AccountID, id, trust.Hoch)
		require.ErrorIs(t, err, postfach.ErrNoMessage)
		require.ErrorIs(t, f.st.Archive(ctx, mailbox.AccountID, id, true), postfach.ErrNoMessage)
		_, err = f.st.CreateReply(ctx, mailbox.AccountID, id, trust.Hoch, "Noch etwas.", nil)
		require.ErrorIs(t, err, postfach.ErrNoMessage)
		replies, err := f.st.Replies(ctx, mailbox.AccountID, id)
		require.NoError(t, err)
		require.Empty(t, replies)
		require.ErrorIs(t, f.st.Delete(ctx, mailbox.AccountID, id), postfach.ErrNoMessage)

		for table, want := range map[string]int{"postfach_messages": 2, "postfach_attachments": 0,
			"postfach_replies": 0, "postfach_reply_attachments": 0, "postfach_blobs": 0} {
			requireCount(t, f, table, want)
		}
		require.Equal(t, 1, count(t, f, `SELECT COUNT(*) FROM postfach_messages WHERE id = $1 AND body = ''`, id))

		sent, err := f.st.GetForSender(ctx, "bauamt-app", id)
		require.NoError(t, err)
		require.True(t, f.now.Equal(*sent.DeletedAt))
		require.Equal(t, postfach.Bereitgestellt, sent.State, "the delivery facts stay")
		list, err := f.st.ListByApplication(ctx, "bauamt-app", "vorgang-1")
		require.NoError(t, err)
		require.Len(t, list, 2)

		_, _, err = f.st.Create(ctx, sample(postfach.Nachricht), opts)
		require.ErrorIs(t, err, postfach.ErrIdempotencyKeyReused, "other content: no attachment")
		retry := sample(postfach.Nachricht)
		retry.ReplyAllowed, retry.Attachments = true, []postfach.Attachment{pdf("%PDF anhang")}
		again, created, err := f.st.Create(ctx, retry, opts)
		require.NoError(t, err)
		require.False(t, created, "a retry does not deliver it again")
		require.Equal(t, id, again)
		requireCount(t, f, "postfach_blobs", 0)

		require.NoError(t, f.st.EraseMailbox(ctx, mailbox.AccountID))
		requireCount(t, f, "postfach_messages", 0)
	})
}

// The sender's view of a message the citizen deleted: 200 with the
// delivery facts and when it was deleted.
func TestAPIMessageDeletedByRecipient(t *testing.T) {
	runAPI(t, func(t *testing.T, f *apiFixture) {
		msg := bescheidJSON("%PDF-1.7")
		msg["kind"], msg["bekanntgabe_rule"] = "Nachricht", "none"
		_, sent := f.postJSON(t, msg, "Idempotency-Key", "n-1")
		id := sent["id"].(string)
		path := "/api/postfach/v1/messages/" + id
		_, body := f.do(t, "GET", path, tokStatus, "", nil)
		require.NotContains(t, apiJSON(t, body), "deleted_by_recipient_at")

		require.NoError(t, f.st.Delete(context.Background(), mailbox.AccountID, id))
		resp, body := f.do(t, "GET", path, tokStatus, "", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
		got := apiJSON(t, body)
		require.Equal(t, "2026-03-02T11:00:00+01:00", got["deleted_by_recipient_at"])
		require.Equal(t, "2026-03-02T11:00:00+01:00", got["provided_at"])
		resp, body = f.do(t, "GET", "/api/postfach/v1/messages?application_id=vorgang-1", tokStatus, "", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Len(t, apiJSON(t, body)["messages"], 1)

		resp, again := f.postJSON(t, msg, "Idempotency-Key", "n-1")
		require.Equal(t, http.StatusOK, resp.StatusCode, "%v", again)
		require.Equal(t, id, again["id"])
		requireCount(t, f.fixture, "postfach_messages", 1)
	})
}
