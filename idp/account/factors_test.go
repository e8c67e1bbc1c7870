package account_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/store"
	"mvnk/store/storetest"
)

// Factors counts a confirmed TOTP and unused recovery codes; recovery
// codes alone are no second factor.
func TestFactorsTOTPAndRecoveryCodes(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f, sl, ctx := newFixture(db, account.DefaultThrottle), testSealer(t), context.Background()
		a := f.citizen(t, "erika", goodPassword)
		got, err := f.st.Factors(ctx, a.ID)
		require.NoError(t, err)
		require.Equal(t, account.Factors{}, got)

		codes, err := f.st.NewRecoveryCodes(ctx, a.ID)
		require.NoError(t, err)
		require.NoError(t, f.st.UseRecoveryCode(ctx, a.ID, codes[0]))
		key, err := f.st.BeginTOTP(ctx, sl, a)
		require.NoError(t, err)
		got, err = f.st.Factors(ctx, a.ID)
		require.NoError(t, err)
		require.Equal(t, account.Factors{RecoveryCodes: 9}, got, "an unconfirmed TOTP does not count")
		require.False(t, got.Any())

		require.NoError(t, f.st.ConfirmTOTP(ctx, sl, a.ID, f.code(t, key.Secret(), 0)))
		got, err = f.st.Factors(ctx, a.ID)
		require.NoError(t, err)
		require.Equal(t, account.Factors{TOTP: true, RecoveryCodes: 9}, got)
		require.True(t, got.Any())
	}, account.Migrations)
}
