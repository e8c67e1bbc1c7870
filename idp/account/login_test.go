package account_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/store"
	"mvnk/store/storetest"
)

func TestAccountLoginByUsernameOrEmail(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		a := f.citizen(t, "Erika", goodPassword)
		for _, login := range []string{"erika", "ERIKA", "Erika@Example.DE"} {
			got, err := f.auth.Login(context.Background(), login, goodPassword, "192.0.2.1")
			require.NoError(t, err, login)
			require.Equal(t, a.ID, got.ID)
		}
	}, account.Migrations)
}

// Unknown user, wrong password, disabled account and the wrong kind of
// client all get one error with one text.
func TestAccountLoginFailuresLookIdentical(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		ctx := context.Background()
		f.citizen(t, "erika", goodPassword)
		off := f.citizen(t, "otto", goodPassword)
		_, err := f.st.Disable(ctx, off.ID)
		require.NoError(t, err)
		staff := &account.Account{Kind: account.Staff, Username: "sb.meier", Email: "sb@lagus.example", EmailVerified: true, Organisation: "LAGuS"}
		require.NoError(t, f.auth.Create(ctx, staff, goodPassword))

		_, wrong := f.auth.Login(ctx, "erika", "falsches Passwort", "")
		_, unknown := f.auth.Login(ctx, "niemand", goodPassword, "")
		_, unknownMail := f.auth.Login(ctx, "niemand@example.de", goodPassword, "")
		_, disabled := f.auth.Login(ctx, "otto", goodPassword, "")
		_, staffAtCitizen := f.auth.Login(ctx, "sb.meier", goodPassword, "")
		_, citizenAtStaff := f.auth.Authenticate(ctx, account.Attempt{Login: "erika", Password: goodPassword, StaffClient: true})
		for _, err := range []error{wrong, unknown, unknownMail, disabled, staffAtCitizen, citizenAtStaff} {
			require.ErrorIs(t, err, account.ErrInvalidCredentials)
			require.Equal(t, wrong.Error(), err.Error())
			require.Equal(t, account.MsgLoginFailed, account.MessageKey(err))
		}
		got, err := f.auth.Authenticate(ctx, account.Attempt{Login: "sb.meier", Password: goodPassword, StaffClient: true})
		require.NoError(t, err)
		require.True(t, got.NeedsSecondFactor())
	}, account.Migrations)
}

func TestAccountLoginRehashesOldParameters(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		ctx := context.Background()
		a := f.citizen(t, "erika", goodPassword)
		stronger := fastParams
		stronger.Time = 3
		auth := account.NewAuthenticator(f.st, stronger, account.DefaultThrottle)
		require.True(t, account.NeedsRehash(a.PasswordHash, stronger))
		_, err := auth.Login(ctx, "erika", goodPassword, "")
		require.NoError(t, err)
		got, err := f.st.GetByID(ctx, a.ID)
		require.NoError(t, err)
		require.Contains(t, got.PasswordHash, ",t=3,")
		_, err = auth.Login(ctx, "erika", goodPassword, "")
		require.NoError(t, err, "the new hash works")
	}, account.Migrations)
}

// A pending account (e-mail not confirmed) learns so only with the right
// password.
func TestAccountLoginPendingAccount(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		ctx := context.Background()
		a, _, err := f.auth.Register(ctx, "neu", "neu@example.de", goodPassword)
		require.NoError(t, err)
		require.Equal(t, account.Pending, a.State)
		_, err = f.auth.Login(ctx, "neu", "falsch-falsch", "")
		require.ErrorIs(t, err, account.ErrInvalidCredentials)
		got, err := f.auth.Login(ctx, "neu", goodPassword, "")
		require.ErrorIs(t, err, account.ErrNotConfirmed)
		require.Equal(t, a.ID, got.ID)
	}, account.Migrations)
}
