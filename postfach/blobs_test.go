package postfach_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
	"mvnk/store"
	"mvnk/store/storetest"
)

func testBlobs(t *testing.T, b postfach.Blobs) {
	ctx := context.Background()
	id := store.NewID()
	_, err := b.Get(ctx, id)
	require.ErrorIs(t, err, store.ErrNotFound)
	require.NoError(t, b.Put(ctx, id, []byte("inhalt")))
	require.ErrorIs(t, b.Put(ctx, id, []byte("zweiter")), store.ErrConflict)
	got, err := b.Get(ctx, id)
	require.NoError(t, err)
	require.Equal(t, "inhalt", string(got))
	ids, err := b.List(ctx, time.Now().Add(time.Minute))
	require.NoError(t, err)
	require.Equal(t, []string{id}, ids)
	ids, err = b.List(ctx, time.Now().Add(-time.Minute))
	require.NoError(t, err)
	require.Empty(t, ids, "written after olderThan")
	require.NoError(t, b.Delete(ctx, id))
	require.NoError(t, b.Delete(ctx, id), "deleting twice is fine")
	_, err = b.Get(ctx, id)
	require.ErrorIs(t, err, store.ErrNotFound)
}

func TestDBBlobs(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) { testBlobs(t, postfach.NewDBBlobs(db)) }, sets...)
}

func TestFSBlobs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "blobs")
	b, err := postfach.NewFSBlobs(dir)
	require.NoError(t, err)
	testBlobs(t, b)

	id := store.NewID()
	require.NoError(t, b.Put(context.Background(), id, []byte("x")))
	info, err := os.Stat(filepath.Join(dir, id))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file left behind")
	require.Error(t, b.Put(context.Background(), "../escape", []byte("x")))
}

// TestStoreWithFSBlobs: the store round-trips an attachment through the
// file store, which holds only ciphertext.
func TestStoreWithFSBlobs(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		dir := t.TempDir()
		b, err := postfach.NewFSBlobs(dir)
		require.NoError(t, err)
		f := newFixture(t, db, b)
		m := sample(postfach.Nachricht)
		m.Attachments = []postfach.Attachment{pdf("GEHEIME-ANLAGE")}
		id := create(t, f, m)
		raw, err := os.ReadFile(filepath.Join(dir, m.Attachments[0].ID))
		require.NoError(t, err)
		require.NotContains(t, string(raw), "GEHEIM")
		a, err := f.st.Attachment(context.Background(), mailbox.AccountID, id, m.Attachments[0].ID)
		require.NoError(t, err)
		require.Equal(t, "GEHEIME-ANLAGE", string(a.Content))
	}, sets...)
}
