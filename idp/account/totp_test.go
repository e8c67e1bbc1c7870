package account_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/keys"
	"mvnk/store"
	"mvnk/store/storetest"
)

func testSealer(t *testing.T) account.Sealer {
	s, err := keys.NewSealer(make([]byte, 32))
	require.NoError(t, err)
	return s
}

// code is the TOTP code of secret at the fixture's clock plus d.
func (f *fixture) code(t *testing.T, secret string, d time.Duration) string {
	c, err := totp.GenerateCode(secret, f.clock.Now().Add(d))
	require.NoError(t, err)
	return c
}

func TestTOTPEnrolConfirmVerify(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f, sl, ctx := newFixture(db, account.DefaultThrottle), testSealer(t), context.Background()
		a := f.citizen(t, "erika", goodPassword)
		key, err := f.st.BeginTOTP(ctx, sl, a)
		require.NoError(t, err)
		require.Equal(t, "MV-Nutzerkonto", key.Issuer())
		require.Equal(t, "erika", key.AccountName())
		require.EqualValues(t, 30, key.Period())
		var stored int
		require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM account_totp WHERE secret LIKE '%' || $1 || '%'`, key.Secret()).Scan(&stored))
		require.Zero(t, stored, "the secret is stored sealed")

		require.ErrorIs(t, f.st.VerifyTOTP(ctx, sl, a.ID, f.code(t, key.Secret(), 0)), account.ErrNoTOTP, "not confirmed yet")
		require.ErrorIs(t, f.st.ConfirmTOTP(ctx, sl, a.ID, "000000"), account.ErrCodeInvalid)
		first := f.code(t, key.Secret(), 0)
		require.NoError(t, f.st.ConfirmTOTP(ctx, sl, a.ID, first))
		require.ErrorIs(t, f.st.VerifyTOTP(ctx, sl, a.ID, first), account.ErrCodeInvalid, "the confirming code is used up")
		_, err = f.st.BeginTOTP(ctx, sl, a)
		require.ErrorIs(t, err, account.ErrTOTPConfirmed)

		f.clock.Add(30 * time.Second)
		require.ErrorIs(t, f.st.VerifyTOTP(ctx, sl, a.ID, f.code(t, key.Secret(), -30*time.Second)), account.ErrCodeInvalid, "an older step")
		require.ErrorIs(t, f.st.VerifyTOTP(ctx, sl, a.ID, f.code(t, key.Secret(), 60*time.Second)), account.ErrCodeInvalid, "beyond the skew")
		require.NoError(t, f.st.VerifyTOTP(ctx, sl, a.ID, f.code(t, key.Secret(), 30*time.Second)), "one step ahead is within the skew")
		require.ErrorIs(t, f.st.VerifyTOTP(ctx, sl, a.ID, f.code(t, key.Secret(), 0)), account.ErrCodeInvalid, "behind the last step taken")
		f.clock.Add(60 * time.Second)
		require.NoError(t, f.st.VerifyTOTP(ctx, sl, a.ID, " "+f.code(t, key.Secret(), 0)+" "))

		require.NoError(t, f.st.RemoveTOTP(ctx, a.ID))
		require.ErrorIs(t, f.st.RemoveTOTP(ctx, a.ID), account.ErrNoTOTP)
		require.ErrorIs(t, f.st.VerifyTOTP(ctx, sl, a.ID, f.code(t, key.Secret(), 0)), account.ErrNoTOTP)
	}, account.Migrations)
}

// A second enrolment replaces an unconfirmed one; the pending key can be
// shown again.
func TestTOTPBeginReplacesUnconfirmed(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f, sl, ctx := newFixture(db, account.DefaultThrottle), testSealer(t), context.Background()
		a := f.citizen(t, "erika", goodPassword)
		_, err := f.st.PendingTOTP(ctx, sl, a)
		require.ErrorIs(t, err, store.ErrNotFound)
		old, err := f.st.BeginTOTP(ctx, sl, a)
		require.NoError(t, err)
		key, err := f.st.BeginTOTP(ctx, sl, a)
		require.NoError(t, err)
		require.NotEqual(t, old.Secret(), key.Secret())
		again, err := f.st.PendingTOTP(ctx, sl, a)
		require.NoError(t, err)
		require.Equal(t, key.URL(), again.URL())

		require.ErrorIs(t, f.st.ConfirmTOTP(ctx, sl, a.ID, f.code(t, old.Secret(), 0)), account.ErrCodeInvalid)
		require.NoError(t, f.st.ConfirmTOTP(ctx, sl, a.ID, f.code(t, key.Secret(), 0)))
		_, err = f.st.PendingTOTP(ctx, sl, a)
		require.ErrorIs(t, err, account.ErrNoTOTP, "confirmed: nothing pending")
	}, account.Migrations)
}

// Two nodes get the same code at the same moment: exactly one passes.
func TestTOTPParallelUse(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f, sl, ctx := newFixture(db, account.DefaultThrottle), testSealer(t), context.Background()
		a := f.citizen(t, "erika", goodPassword)
		key, err := f.st.BeginTOTP(ctx, sl, a)
		require.NoError(t, err)
		require.NoError(t, f.st.ConfirmTOTP(ctx, sl, a.ID, f.code(t, key.Secret(), -30*time.Second)))
		code := f.code(t, key.Secret(), 0)
		var mu sync.Mutex
		var wg sync.WaitGroup
		ok := 0
		for range 10 {
			wg.Go(func() {
				if f.st.VerifyTOTP(ctx, sl, a.ID, code) == nil {
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

// Second-factor attempts are throttled on their own counter, which a
// correct password does not reset.
func TestSecondFactorThrottle(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f, ctx := newFixture(db, account.DefaultThrottle), context.Background()
		a := f.citizen(t, "erika", goodPassword)
		for range 6 {
			require.NoError(t, f.auth.ReserveSecondFactor(ctx, a.ID))
		}
		_, err := f.auth.Login(ctx, "erika", goodPassword, "")
		require.NoError(t, err)
		require.ErrorIs(t, f.auth.ReserveSecondFactor(ctx, a.ID), account.ErrThrottled)
		require.NoError(t, f.auth.ResetSecondFactor(ctx, a.ID))
		require.NoError(t, f.auth.ReserveSecondFactor(ctx, a.ID))
	}, account.Migrations)
}
