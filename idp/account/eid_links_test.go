package account_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/store"
	"mvnk/store/storetest"
)

func TestEIDLinks(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f, ctx := newFixture(db, account.DefaultThrottle), context.Background()
		erika, jens := f.citizen(t, "erika", goodPassword), f.citizen(t, "jens", goodPassword)
		_, err := f.st.AccountByEID(ctx, "sektor-a", "rid-1")
		require.ErrorIs(t, err, account.ErrNoLink)

		require.NoError(t, f.st.LinkEID(ctx, erika.ID, "sektor-a", "rid-1"))
		require.NoError(t, f.st.LinkEID(ctx, erika.ID, "sektor-a", "rid-1"), "linking again is a no-op")
		require.ErrorIs(t, f.st.LinkEID(ctx, jens.ID, "sektor-a", "rid-1"), account.ErrLinkedElsewhere)
		require.NoError(t, f.st.LinkEID(ctx, jens.ID, "sektor-b", "rid-1"), "another sector, another identifier")

		owner, err := f.st.AccountByEID(ctx, "sektor-a", "rid-1")
		require.NoError(t, err)
		require.Equal(t, erika.ID, owner)
		links, err := f.st.EIDLinks(ctx, erika.ID)
		require.NoError(t, err)
		require.Len(t, links, 1)
		require.Equal(t, account.SubjectHash("rid-1"), links[0].SubjectHash, "only the hash is stored")
		require.NotContains(t, links[0].SubjectHash, "rid-1")

		require.ErrorIs(t, f.st.LinkEID(ctx, "no-such-account", "sektor-a", "rid-2"), account.ErrNoAccount)
		_, err = f.st.Delete(ctx, erika.ID)
		require.NoError(t, err)
		_, err = f.st.AccountByEID(ctx, "sektor-a", "rid-1")
		require.ErrorIs(t, err, account.ErrNoLink, "a link goes with its account")
	}, account.Migrations)
}
