package account_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/store"
	"mvnk/store/storetest"
)

// Ten nodes add a role each at once: Update loses none of them.
func TestAccountUpdateIsAtomic(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx, st := context.Background(), account.NewStore(db)
		a := &account.Account{Kind: account.Staff, Username: "team", Email: "team@lagus.example", Organisation: "LAGuS"}
		require.NoError(t, st.Create(ctx, a))
		var wg sync.WaitGroup
		for i := range 10 {
			wg.Go(func() {
				_, err := st.Update(ctx, a.ID, func(a *account.Account) error {
					a.Roles = append(a.Roles, fmt.Sprintf("r%d", i))
					return nil
				})
				require.NoError(t, err)
			})
		}
		wg.Wait()
		got, err := st.GetByID(ctx, a.ID)
		require.NoError(t, err)
		require.Len(t, got.Roles, 10)
		require.Equal(t, a.PostfachHandle, got.PostfachHandle)
	}, account.Migrations)
}

func TestAccountDisableAndDeleteErasesAttributes(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		ctx := context.Background()
		a := f.citizen(t, "erika", goodPassword)
		d, err := f.st.Disable(ctx, a.ID)
		require.NoError(t, err)
		require.Equal(t, account.Disabled, d.State)

		require.NoError(t, f.st.SetAttribute(ctx, a.ID, account.Attribute{Name: "family_name", Value: "Mustermann", Source: "eid", Level: account.LevelHoch}))
		require.NoError(t, f.st.SetAttribute(ctx, a.ID, account.Attribute{Name: "phone_number", Value: "+49 381 0", Source: account.SourceSelf, Level: account.LevelBasisregistrierung}))
		_, err = f.st.IssueToken(ctx, a.ID, account.PurposeResetPassword, account.ResetTTL)
		require.NoError(t, err)

		del, err := f.st.Delete(ctx, a.ID)
		require.NoError(t, err)
		require.Equal(t, "erika", del.Account.Username)
		require.Equal(t, 2, del.Attributes)
		require.Equal(t, 1, del.Tokens)
		for _, table := range []string{"accounts", "account_attributes", "account_tokens"} {
			var n int
			require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM `+table).Scan(&n))
			require.Zero(t, n, table)
		}
	}, account.Migrations)
}

// Every attribute keeps source and level; a typed-in value never replaces
// one read from the eID card.
func TestAccountAttributesKeepSourceAndLevel(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		ctx := context.Background()
		a := f.citizen(t, "max", goodPassword)
		self := account.Attribute{Name: "given_name", Value: "Max", Source: account.SourceSelf, Level: account.LevelBasisregistrierung}
		require.NoError(t, f.st.SetAttribute(ctx, a.ID, self))
		eid := account.Attribute{Name: "given_name", Value: "Maximilian", Source: "eid", Level: account.LevelHoch}
		require.NoError(t, f.st.SetAttribute(ctx, a.ID, eid))
		require.ErrorIs(t, f.st.SetAttribute(ctx, a.ID, self), account.ErrLowerLevel)

		got, err := f.st.Attributes(ctx, a.ID)
		require.NoError(t, err)
		eid.UpdatedAt = f.clock.Now()
		require.Equal(t, []account.Attribute{eid}, got)
		require.ErrorIs(t, f.st.SetAttribute(ctx, "missing", self), store.ErrNotFound)
	}, account.Migrations)
}
