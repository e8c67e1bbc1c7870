package account_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/store"
	"mvnk/store/storetest"
)

func TestAccountStoreRoundTrip(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx, st := context.Background(), account.NewStore(db)
		a := &account.Account{Kind: account.Staff, Username: "Sachb.Meier", Email: "Meier@Behoerde.MV.example",
			Organisation: "Landesamt für Gesundheit", Roles: []string{"sachbearbeitung", "bescheid"}}
		require.NoError(t, st.Create(ctx, a))
		require.Len(t, a.ID, 26)
		require.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, a.PostfachHandle)
		require.NotEqual(t, a.ID, a.PostfachHandle)
		require.Equal(t, account.Pending, a.State, "no password yet")
		require.Equal(t, account.LevelBasisregistrierung, a.TrustLevel)

		for _, login := range []string{a.ID, "sachb.meier", "SACHB.MEIER", "meier@behoerde.mv.example"} {
			got, err := getAny(ctx, st, login)
			require.NoError(t, err, login)
			require.Equal(t, a, got, login)
		}
		list, err := st.List(ctx)
		require.NoError(t, err)
		require.Equal(t, []*account.Account{a}, list)
	}, account.Migrations)
}

func getAny(ctx context.Context, st *account.Store, s string) (*account.Account, error) {
	if a, err := st.GetByID(ctx, s); err == nil {
		return a, nil
	}
	return st.GetByLogin(ctx, s)
}

func TestAccountUniqueRegardlessOfCase(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx, st := context.Background(), account.NewStore(db)
		require.NoError(t, st.Create(ctx, &account.Account{Username: "Anna", Email: "anna@example.de"}))
		err := st.Create(ctx, &account.Account{Username: "ANNA", Email: "other@example.de"})
		require.ErrorIs(t, err, account.ErrUsernameTaken)
		require.ErrorIs(t, err, store.ErrConflict)
		err = st.Create(ctx, &account.Account{Username: "anna2", Email: "Anna@Example.DE"})
		require.ErrorIs(t, err, account.ErrEmailTaken)
	}, account.Migrations)
}

func TestAccountNotFoundAndInvalid(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx, st := context.Background(), account.NewStore(db)
		_, err := st.GetByID(ctx, "missing")
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = st.GetByLogin(ctx, "nobody@example.de")
		require.ErrorIs(t, err, account.ErrNoAccount)
		_, err = st.Disable(ctx, "missing")
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = st.Delete(ctx, "missing")
		require.ErrorIs(t, err, store.ErrNotFound)
		var ve *account.ValidationError
		for _, a := range []*account.Account{
			{Username: "a@b", Email: "x@example.de"},                            // "@" in a username
			{Username: "anna", Email: "Anna <anna@example.de>"},                 // display name
			{Username: "anna", Email: "x@example.de", Kind: "robot"},            // unknown kind
			{Username: "anna", Email: "x@example.de", Kind: "staff"},            // staff without organisation
			{Username: "anna", Email: "x@example.de", Roles: []string{"admin"}}, // citizen with roles
		} {
			require.ErrorAs(t, st.Create(ctx, a), &ve, "%+v", a)
		}
	}, account.Migrations)
}
