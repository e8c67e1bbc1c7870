package account_test

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/store"
	"mvnk/store/storetest"
)

var recoveryFormat = regexp.MustCompile(`^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$`)

func TestRecoveryCodes(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f, ctx := newFixture(db, account.DefaultThrottle), context.Background()
		a := f.citizen(t, "erika", goodPassword)
		codes, err := f.st.NewRecoveryCodes(ctx, a.ID)
		require.NoError(t, err)
		require.Len(t, codes, 10)
		seen := map[string]bool{}
		for _, c := range codes {
			require.Regexp(t, recoveryFormat, c)
			seen[c] = true
		}
		require.Len(t, seen, 10, "all different")
		var plain int
		require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM account_recovery_codes WHERE code_hash = $1 OR code_hash = $2`,
			codes[0], account.NormalizeRecoveryCode(codes[0])).Scan(&plain))
		require.Zero(t, plain, "only hashes are stored")

		typed := " " + strings.ToLower(strings.ReplaceAll(codes[0], "-", " ")) + " "
		require.NoError(t, f.st.UseRecoveryCode(ctx, a.ID, typed), "case, spaces and hyphens do not matter")
		require.ErrorIs(t, f.st.UseRecoveryCode(ctx, a.ID, codes[0]), account.ErrCodeInvalid, "used once")
		require.ErrorIs(t, f.st.UseRecoveryCode(ctx, a.ID, "ABCDE"), account.ErrCodeInvalid)
		other := f.citizen(t, "max", goodPassword)
		require.ErrorIs(t, f.st.UseRecoveryCode(ctx, other.ID, codes[1]), account.ErrCodeInvalid, "another account's code")

		fresh, err := f.st.NewRecoveryCodes(ctx, a.ID)
		require.NoError(t, err)
		require.ErrorIs(t, f.st.UseRecoveryCode(ctx, a.ID, codes[1]), account.ErrCodeInvalid, "regenerating replaces all")
		require.NoError(t, f.st.UseRecoveryCode(ctx, a.ID, fresh[1]))
		require.NoError(t, f.st.DeleteRecoveryCodes(ctx, a.ID))
		require.ErrorIs(t, f.st.UseRecoveryCode(ctx, a.ID, fresh[2]), account.ErrCodeInvalid)
	}, account.Migrations)
}

func TestRecoveryCodeParallelUse(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f, ctx := newFixture(db, account.DefaultThrottle), context.Background()
		a := f.citizen(t, "erika", goodPassword)
		codes, err := f.st.NewRecoveryCodes(ctx, a.ID)
		require.NoError(t, err)
		var mu sync.Mutex
		var wg sync.WaitGroup
		ok := 0
		for range 10 {
			wg.Go(func() {
				if f.st.UseRecoveryCode(ctx, a.ID, codes[3]) == nil {
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
