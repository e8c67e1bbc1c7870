package postfach_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/postfach"
)

// Erasing a mailbox with its account leaves no message, attachment,
// reply, status, blob or data key of it, and another mailbox untouched.
func TestEraseMailbox(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		m := sample(postfach.Nachricht)
		m.ReplyAllowed = true
		m.Attachments = []postfach.Attachment{pdf("%PDF-1.7 Anlage")}
		id, _, err := f.st.Create(ctx, m, postfach.CreateOptions{})
		require.NoError(t, err)
		_, err = f.st.CreateReply(ctx, mailbox.AccountID, id, trust.Basis, "Danke.", []postfach.Attachment{pdf("%PDF-1.7 Antwort")})
		require.NoError(t, err)
		require.NoError(t, f.st.AddStatus(ctx, &postfach.StatusUpdate{AccountID: mailbox.AccountID, ApplicationID: "vorgang-1",
			Sender: m.Sender, Service: "Baugenehmigung", Status: postfach.Received}))
		other := sample(postfach.Nachricht)
		other.Mailbox = postfach.Mailbox{Handle: "0b7e1f7c-3a0a-4c8e-9d55-2b1f4c3d2e1a", AccountID: "acct2"}
		other.Attachments = []postfach.Attachment{pdf("%PDF-1.7 Fremd")}
		otherID, _, err := f.st.Create(ctx, other, postfach.CreateOptions{})
		require.NoError(t, err)

		require.NoError(t, f.st.EraseMailbox(ctx, mailbox.AccountID))
		for _, table := range []string{"postfach_messages", "postfach_attachments", "postfach_blobs", "postfach_mailboxes",
			"postfach_mailbox_senders"} {
			requireCount(t, f, table, 1) // the other mailbox's
		}
		for _, table := range []string{"postfach_replies", "postfach_reply_attachments", "postfach_status"} {
			requireCount(t, f, table, 0)
		}
		_, err = f.st.Get(ctx, "acct2", otherID)
		require.NoError(t, err)
		require.Contains(t, auditTypes(t, f), postfach.EventMailboxErased)
	})
}
