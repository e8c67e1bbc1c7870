package account_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/go-webauthn/webauthn/webauthn"
	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/store"
	"mvnk/store/storetest"
)

// loginWith is the credential as go-webauthn returns it after a login
// with the authenticator's counter at count.
func loginWith(p *account.Passkey, count uint32) *webauthn.Credential {
	c := p.Credential
	c.Authenticator.UpdateCounter(count)
	return &c
}

func TestPasskeyUsedCounterAndFlags(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx, f := context.Background(), newFixture(db, account.DefaultThrottle)
		anna, ben := f.citizen(t, "anna", goodPassword), f.citizen(t, "ben", goodPassword)
		p, err := f.st.AddPasskey(ctx, anna.ID, "Laptop", newCredential(true))
		require.NoError(t, err)
		f.clock.Add(time.Hour)

		c := loginWith(p, 5)
		c.Flags.BackupState = true
		require.NoError(t, f.st.PasskeyUsed(ctx, anna.ID, c))
		p, err = f.st.PasskeyByID(ctx, c.ID)
		require.NoError(t, err)
		require.Equal(t, uint32(5), p.Credential.Authenticator.SignCount)
		require.True(t, p.Synced(), "backup state stored")
		require.Equal(t, f.clock.Now(), p.LastUsedAt)

		require.ErrorIs(t, f.st.PasskeyUsed(ctx, anna.ID, loginWith(p, 5)), account.ErrPasskeyCloned, "same count")
		require.ErrorIs(t, f.st.PasskeyUsed(ctx, anna.ID, loginWith(p, 3)), account.ErrPasskeyCloned, "backwards")
		require.ErrorIs(t, f.st.PasskeyUsed(ctx, anna.ID, loginWith(p, 0)), account.ErrPasskeyCloned, "reset to zero")
		replay := p.Credential // a replayed count that go-webauthn did not flag
		replay.Authenticator.SignCount = 4
		require.ErrorIs(t, f.st.PasskeyUsed(ctx, anna.ID, &replay), account.ErrPasskeyCloned)
		beChanged := loginWith(p, 6)
		beChanged.Flags.BackupEligible = false
		require.ErrorIs(t, f.st.PasskeyUsed(ctx, anna.ID, beChanged), account.ErrPasskeyCloned, "BE never changes")
		require.ErrorIs(t, f.st.PasskeyUsed(ctx, ben.ID, loginWith(p, 7)), account.ErrNoPasskey, "not ben's")
		require.NoError(t, f.st.PasskeyUsed(ctx, anna.ID, loginWith(p, 7)))
	}, account.Migrations)
}

func TestPasskeyUsedZeroCounter(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx, f := context.Background(), newFixture(db, account.DefaultThrottle)
		anna := f.citizen(t, "anna", goodPassword)
		p, err := f.st.AddPasskey(ctx, anna.ID, "Synchronisiert", newCredential(true))
		require.NoError(t, err)
		for range 3 { // synced passkeys keep the counter at 0
			require.NoError(t, f.st.PasskeyUsed(ctx, anna.ID, loginWith(p, 0)))
		}
	}, account.Migrations)
}

// Two nodes checking the same assertion: only one may count it.
func TestPasskeyUsedConcurrently(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx, f := context.Background(), newFixture(db, account.DefaultThrottle)
		anna := f.citizen(t, "anna", goodPassword)
		p, err := f.st.AddPasskey(ctx, anna.ID, "Laptop", newCredential(false))
		require.NoError(t, err)
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Go(func() { errs[i] = f.st.PasskeyUsed(ctx, anna.ID, loginWith(p, 1)) })
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else {
				require.ErrorIs(t, err, account.ErrPasskeyCloned)
			}
		}
		require.Equal(t, 1, ok)
	}, account.Migrations)
}
