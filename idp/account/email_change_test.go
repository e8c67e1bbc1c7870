package account_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/store"
	"mvnk/store/storetest"
)

// The address changes only when the link sent to the new one comes back;
// the link works once, and old reset links stop working.
func TestAccountEmailChange(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		ctx := context.Background()
		a := f.citizen(t, "erika", goodPassword)
		reset, err := f.st.IssueToken(ctx, a.ID, account.PurposeResetPassword, account.ResetTTL)
		require.NoError(t, err)
		tok, err := f.st.RequestEmailChange(ctx, a.ID, " Erika.Neu@Example.de ")
		require.NoError(t, err)
		still, err := f.st.GetByID(ctx, a.ID)
		require.NoError(t, err)
		require.Equal(t, "erika@example.de", still.Email, "not changed before confirmation")

		_, _, err = f.st.ConfirmEmailChange(ctx, reset)
		require.ErrorIs(t, err, account.ErrTokenInvalid, "a reset link is no change link")
		got, old, err := f.st.ConfirmEmailChange(ctx, tok)
		require.NoError(t, err)
		require.Equal(t, "erika@example.de", old)
		require.Equal(t, "erika.neu@example.de", got.Email)
		require.True(t, got.EmailVerified)
		_, _, err = f.st.ConfirmEmailChange(ctx, tok)
		require.ErrorIs(t, err, account.ErrTokenInvalid, "single use")
		_, err = f.st.ConsumeToken(ctx, reset, account.PurposeResetPassword)
		require.ErrorIs(t, err, account.ErrTokenInvalid, "open links end with the change")
		_, err = f.auth.Login(ctx, "erika.neu@example.de", goodPassword, "")
		require.NoError(t, err)
	}, account.Migrations)
}

func TestAccountEmailChangeRefused(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		ctx := context.Background()
		a := f.citizen(t, "erika", goodPassword)
		f.citizen(t, "max", goodPassword)
		_, err := f.st.RequestEmailChange(ctx, a.ID, "MAX@example.de")
		require.ErrorIs(t, err, account.ErrEmailTaken)
		var ve *account.ValidationError
		_, err = f.st.RequestEmailChange(ctx, a.ID, "keine-adresse")
		require.ErrorAs(t, err, &ve)
		_, err = f.st.RequestEmailChange(ctx, a.ID, "erika@example.de")
		require.ErrorAs(t, err, &ve, "the same address")
		_, err = f.st.RequestEmailChange(ctx, "fehlt", "neu@example.de")
		require.ErrorIs(t, err, store.ErrNotFound)

		// Another account takes the address between request and confirm.
		tok, err := f.st.RequestEmailChange(ctx, a.ID, "frei@example.de")
		require.NoError(t, err)
		require.NoError(t, f.auth.Create(ctx, &account.Account{Username: "schneller", Email: "frei@example.de"}, ""))
		_, _, err = f.st.ConfirmEmailChange(ctx, tok)
		require.ErrorIs(t, err, account.ErrEmailTaken)
		got, err := f.st.GetByID(ctx, a.ID)
		require.NoError(t, err)
		require.Equal(t, "erika@example.de", got.Email)
	}, account.Migrations)
}

// Only self-declared attributes can be emptied; proven ones stay.
func TestAccountDeleteAttribute(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		ctx := context.Background()
		a := f.citizen(t, "erika", goodPassword)
		require.NoError(t, f.st.SetAttribute(ctx, a.ID, account.Attribute{Name: account.AttrLocality,
			Value: "Rostock", Source: account.SourceSelf, Level: account.LevelBasisregistrierung}))
		require.NoError(t, f.st.SetAttribute(ctx, a.ID, account.Attribute{Name: account.AttrFamilyName,
			Value: "Mustermann", Source: "eid", Level: account.LevelHoch}))

		require.NoError(t, f.st.DeleteAttribute(ctx, a.ID, account.AttrLocality))
		require.ErrorIs(t, f.st.DeleteAttribute(ctx, a.ID, account.AttrFamilyName), account.ErrLowerLevel)
		require.NoError(t, f.st.DeleteAttribute(ctx, a.ID, account.AttrPhoneNumber), "none is no error")
		list, err := f.st.Attributes(ctx, a.ID)
		require.NoError(t, err)
		require.Len(t, list, 1)
		require.Equal(t, "Mustermann", list[0].Value)
	}, account.Migrations)
}
