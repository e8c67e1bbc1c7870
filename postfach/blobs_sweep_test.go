package postfach_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/postfach"
	"mvnk/store"
	"mvnk/store/storetest"
)

// sweepOrphans puts a blob no attachment references (a Create that died
// before its commit) next to a message's and a reply's, then sweeps at
// young (the orphan stays) and at old (only the orphan goes); b is the
// store's blob store.
func sweepOrphans(t *testing.T, f *fixture, b postfach.Blobs, young, old func()) {
	ctx := context.Background()
	orphan := store.NewID()
	require.NoError(t, b.Put(ctx, orphan, []byte("verwaist")))
	m := sample(postfach.Nachricht)
	m.ReplyAllowed, m.Attachments = true, []postfach.Attachment{pdf("%PDF Anlage")}
	id := create(t, f, m)
	r, err := f.st.CreateReply(ctx, mailbox.AccountID, id, trust.Basis, "Antwort",
		[]postfach.Attachment{upload("a.pdf", "%PDF Antwort")})
	require.NoError(t, err)

	young()
	require.NoError(t, f.st.SweepOrphanBlobs(ctx, ""))
	_, err = b.Get(ctx, orphan)
	require.NoError(t, err, "younger than an hour: may belong to a Create in progress")
	old()
	require.NoError(t, f.st.SweepOrphanBlobs(ctx, ""))
	_, err = b.Get(ctx, orphan)
	require.ErrorIs(t, err, store.ErrNotFound)
	a, err := f.st.Attachment(ctx, mailbox.AccountID, id, m.Attachments[0].ID)
	require.NoError(t, err)
	require.Equal(t, "%PDF Anlage", string(a.Content))
	a, err = f.st.ReplyAttachment(ctx, mailbox.AccountID, r.ID, r.Attachments[0].ID)
	require.NoError(t, err)
	require.Equal(t, "%PDF Antwort", string(a.Content))
}

func TestSweepOrphanBlobsDB(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		b := postfach.NewDBBlobs(db)
		f := newFixture(t, db, b)
		b.Now = func() time.Time { return f.now }
		start := f.now
		sweepOrphans(t, f, b, func() { f.now = start.Add(59 * time.Minute) },
			func() { f.now = start.Add(61 * time.Minute) })
	}, sets...)
}

// FSBlobs date blobs by the file's modification time (the wall clock).
func TestSweepOrphanBlobsFS(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		b, err := postfach.NewFSBlobs(t.TempDir())
		require.NoError(t, err)
		f := newFixture(t, db, b)
		sweepOrphans(t, f, b, func() { f.now = time.Now().Add(59 * time.Minute) },
			func() { f.now = time.Now().Add(61 * time.Minute) })
	}, sets...)
}
