package account_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/store"
	"mvnk/store/storetest"
)

func TestAccountTokenSingleUseAndExpiry(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		ctx := context.Background()
		a := f.citizen(t, "erika", goodPassword)
		tok, err := f.st.IssueToken(ctx, a.ID, account.PurposeConfirmEmail, time.Hour)
		require.NoError(t, err)
		require.Len(t, tok, 43, "256 bits, base64url")
		var stored int
		require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM account_tokens WHERE hash = $1`, tok).Scan(&stored))
		require.Zero(t, stored, "only the hash is stored")

		_, err = f.st.ConsumeToken(ctx, tok, account.PurposeResetPassword)
		require.ErrorIs(t, err, account.ErrTokenInvalid, "wrong purpose")
		id, err := f.st.ConsumeToken(ctx, tok, account.PurposeConfirmEmail)
		require.NoError(t, err)
		require.Equal(t, a.ID, id)
		_, err = f.st.ConsumeToken(ctx, tok, account.PurposeConfirmEmail)
		require.ErrorIs(t, err, account.ErrTokenInvalid, "second use")

		old, err := f.st.IssueToken(ctx, a.ID, account.PurposeConfirmEmail, time.Hour)
		require.NoError(t, err)
		f.clock.Add(time.Hour)
		_, err = f.st.ConsumeToken(ctx, old, account.PurposeConfirmEmail)
		require.ErrorIs(t, err, account.ErrTokenInvalid, "expired")
		n, err := f.st.Purge(ctx, time.Hour)
		require.NoError(t, err)
		require.EqualValues(t, 2, n, "the used and the expired token")
		_, err = f.st.IssueToken(ctx, "missing", account.PurposeConfirmEmail, time.Hour)
		require.ErrorIs(t, err, store.ErrNotFound)
	}, account.Migrations)
}

// Two nodes use one link at the same moment: exactly one succeeds.
func TestAccountTokenParallelUse(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		ctx := context.Background()
		a := f.citizen(t, "erika", goodPassword)
		tok, err := f.st.IssueToken(ctx, a.ID, account.PurposeResetPassword, time.Hour)
		require.NoError(t, err)
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok := 0
		for range 10 {
			wg.Go(func() {
				if _, err := f.st.ConsumeToken(ctx, tok, account.PurposeResetPassword); err == nil {
					mu.Lock()
					ok++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		require.Equal(t, 1, ok)
	}, account.Migrations)
}

func TestAccountRegisterAndConfirmEmail(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		ctx := context.Background()
		_, _, err := f.auth.Register(ctx, "neu", "neu@example.de", "passwort123")
		var pe *account.PasswordError
		require.ErrorAs(t, err, &pe)
		require.Equal(t, []string{account.PwCommon}, pe.Problems)

		a, tok, err := f.auth.Register(ctx, "neu", "neu@example.de", goodPassword)
		require.NoError(t, err)
		require.Equal(t, account.Citizen, a.Kind)
		require.Equal(t, account.LevelBasisregistrierung, a.TrustLevel)
		require.False(t, a.EmailVerified)
		got, err := f.auth.ConfirmEmail(ctx, tok)
		require.NoError(t, err)
		require.True(t, got.EmailVerified)
		require.Equal(t, account.Active, got.State)
		_, err = f.auth.ConfirmEmail(ctx, tok)
		require.ErrorIs(t, err, account.ErrTokenInvalid)
		_, err = f.auth.Login(ctx, "neu@example.de", goodPassword, "")
		require.NoError(t, err)
	}, account.Migrations)
}

// A confirm link confirms the address it was sent to, not a newer one.
func TestAccountConfirmEmailBoundToAddress(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		ctx := context.Background()
		a, tok, err := f.auth.Register(ctx, "neu", "neu@example.de", goodPassword)
		require.NoError(t, err)
		_, err = f.st.Update(ctx, a.ID, func(a *account.Account) error { a.Email = "andere@example.de"; return nil })
		require.NoError(t, err)
		_, err = f.auth.ConfirmEmail(ctx, tok)
		require.ErrorIs(t, err, account.ErrTokenInvalid)
	}, account.Migrations)
}

func TestAccountPasswordReset(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		ctx := context.Background()
		a := f.citizen(t, "erika", goodPassword)
		tok, none, err := f.auth.RequestPasswordReset(ctx, "niemand@example.de")
		require.NoError(t, err, "an unknown address is no error")
		require.Empty(t, tok)
		require.Nil(t, none)

		tok, got, err := f.auth.RequestPasswordReset(ctx, "ERIKA@example.de")
		require.NoError(t, err)
		require.Equal(t, a.ID, got.ID)
		other, _, err := f.auth.RequestPasswordReset(ctx, "erika")
		require.NoError(t, err)

		var pe *account.PasswordError
		_, err = f.auth.ResetPassword(ctx, tok, "erika")
		require.ErrorAs(t, err, &pe)
		_, err = f.auth.ResetPassword(ctx, tok, "Neues Passwort am Meer")
		require.NoError(t, err, "a refused password does not burn the link")
		_, err = f.auth.ResetPassword(ctx, tok, "Noch ein Passwort am Meer")
		require.ErrorIs(t, err, account.ErrTokenInvalid)
		_, err = f.auth.ResetPassword(ctx, other, "Noch ein Passwort am Meer")
		require.ErrorIs(t, err, account.ErrTokenInvalid, "other reset links die with the first use")

		_, err = f.auth.Login(ctx, "erika", goodPassword, "")
		require.ErrorIs(t, err, account.ErrInvalidCredentials)
		_, err = f.auth.Login(ctx, "erika", "Neues Passwort am Meer", "")
		require.NoError(t, err)

		_, err = f.st.Disable(ctx, a.ID)
		require.NoError(t, err)
		tok, _, err = f.auth.RequestPasswordReset(ctx, "erika")
		require.NoError(t, err)
		require.Empty(t, tok, "no link for a disabled account")
	}, account.Migrations)
}
