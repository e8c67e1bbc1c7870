package postfach_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/postfach"
	"mvnk/store"
)

func TestCreateAndGet(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		m := sample(postfach.Bescheid)
		m.RequiredLevel = trust.Hoch
		m.Attachments = []postfach.Attachment{pdf("%PDF-1.7 Bescheid")}
		var enqueued string
		id, created, err := f.st.Create(ctx, m, postfach.CreateOptions{Enqueue: func(tx *sql.Tx, m *postfach.Message) error {
			enqueued = m.ID
			return nil
		}})
		require.NoError(t, err)
		require.True(t, created)
		require.Equal(t, id, enqueued)

		got, err := f.st.Get(ctx, mailbox.AccountID, id)
		require.NoError(t, err)
		require.Equal(t, m.Body, got.Body)
		require.Equal(t, postfach.RuleOZG9, got.Rule, "a Bescheid defaults to OZG § 9")
		require.Equal(t, trust.Hoch, got.RequiredLevel)
		require.Equal(t, postfach.Bereitgestellt, got.State)
		require.True(t, f.now.Equal(got.ProvidedAt))
		require.Len(t, got.Attachments, 1)
		require.Nil(t, got.Attachments[0].Content)

		a, err := f.st.Attachment(ctx, mailbox.AccountID, id, got.Attachments[0].ID)
		require.NoError(t, err)
		require.Equal(t, "%PDF-1.7 Bescheid", string(a.Content))
		require.Equal(t, []string{postfach.EventProvided}, auditTypes(t, f))

		_, err = f.st.Get(ctx, "other-account", id)
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

// TestEncryptedAtRest reads the raw columns: neither body nor attachment
// appears in clear, and a body moved to another row does not open.
func TestEncryptedAtRest(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		m := sample(postfach.Nachricht)
		m.Body = "GEHEIMER-INHALT"
		m.Attachments = []postfach.Attachment{pdf("GEHEIME-ANLAGE")}
		id := create(t, f, m)
		other := create(t, f, sample(postfach.Nachricht))
		var body, key string
		require.NoError(t, f.db.QueryRow(`SELECT body FROM postfach_messages WHERE id = $1`, id).Scan(&body))
		require.NoError(t, f.db.QueryRow(`SELECT data_key FROM postfach_mailboxes`).Scan(&key))
		var blob []byte
		require.NoError(t, f.db.QueryRow(`SELECT data FROM postfach_blobs`).Scan(&blob))
		require.NotContains(t, body, "GEHEIM")
		require.NotContains(t, string(blob), "GEHEIM")
		require.Len(t, key, 80, "a sealed 32-byte key, not the raw one") // base64url of 12-byte nonce, key, 16-byte tag

		_, err := f.db.Exec(`UPDATE postfach_messages SET body = $1 WHERE id = $2`, body, other)
		require.NoError(t, err)
		_, err = f.st.Get(ctx, mailbox.AccountID, other)
		require.ErrorIs(t, err, postfach.ErrUndecryptable)
	})
}

func TestCreateRejectsInvalidAndStoresNothing(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		m := sample(postfach.Nachricht)
		a := pdf("x")
		a.SHA512 = strings.Repeat("0", 128)
		m.Attachments = []postfach.Attachment{a}
		_, _, err := f.st.Create(context.Background(), m, postfach.CreateOptions{})
		var inv *postfach.InvalidError
		require.ErrorAs(t, err, &inv)
		require.ErrorIs(t, err, postfach.ErrInvalid)
		require.Equal(t, postfach.CodeHashMismatch, inv.Fields[0].Code)
		requireCount(t, f, "postfach_messages", 0)
		requireCount(t, f, "postfach_blobs", 0)
	})
}

func TestCreateIdempotent(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		opts := postfach.CreateOptions{IdempotencyKey: "k-1"}
		first := sample(postfach.Nachricht)
		first.Attachments = []postfach.Attachment{pdf("a")}
		id1, created, err := f.st.Create(ctx, first, opts)
		require.NoError(t, err)
		require.True(t, created)
		retry := sample(postfach.Nachricht)
		retry.Attachments = []postfach.Attachment{pdf("a")}
		id2, created, err := f.st.Create(ctx, retry, opts)
		require.NoError(t, err)
		require.False(t, created)
		require.Equal(t, id1, id2)
		other := sample(postfach.Nachricht)
		other.Sender.ClientID, other.ApplicationID = "another-client", "vorgang-des-anderen"
		_, created, err = f.st.Create(ctx, other, opts)
		require.NoError(t, err)
		require.True(t, created, "keys are per client")
		requireCount(t, f, "postfach_messages", 2)
		requireCount(t, f, "postfach_blobs", 1)
	})
}

// TestCreateRollsBackOnEnqueueFailure: a failing hook leaves no message,
// no attachment and no audit entry.
func TestCreateRollsBackOnEnqueueFailure(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		m := sample(postfach.Nachricht)
		m.Attachments = []postfach.Attachment{pdf("a")}
		boom := errors.New("queue down")
		_, _, err := f.st.Create(context.Background(), m, postfach.CreateOptions{
			Enqueue: func(*sql.Tx, *postfach.Message) error { return boom }})
		require.ErrorIs(t, err, boom)
		requireCount(t, f, "postfach_messages", 0)
		requireCount(t, f, "postfach_attachments", 0)
		requireCount(t, f, "postfach_blobs", 0)
		require.Empty(t, auditTypes(t, f))
	})
}

func requireCount(t *testing.T, f *fixture, table string, want int) {
	t.Helper()
	var n int
	require.NoError(t, f.db.QueryRow(`SELECT COUNT(*) FROM `+table).Scan(&n))
	require.Equal(t, want, n, table)
}
