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

// 20 wrong passwords in a row: 5 free, then the wait doubles from 2 s up
// to 15 minutes. A throttled attempt is refused before the password is
// checked — the right password too — and is not counted.
func TestAccountThrottleSequentialBackoff(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		ctx := context.Background()
		a := f.citizen(t, "erika", goodPassword)
		var waits []time.Duration
		for checked := 0; checked < 20; {
			_, err := f.auth.Login(ctx, "erika", "falsch-falsch", "192.0.2.1")
			var te *account.ThrottledError
			if require.Error(t, err); errorsAs(err, &te) {
				_, right := f.auth.Login(ctx, "erika", goodPassword, "192.0.2.1")
				require.ErrorIs(t, right, account.ErrThrottled, "no oracle while locked")
				waits = append(waits, te.RetryAfter)
				f.clock.Add(te.RetryAfter)
				continue
			}
			require.ErrorIs(t, err, account.ErrInvalidCredentials)
			checked++
		}
		s := time.Second
		require.Equal(t, []time.Duration{2 * s, 4 * s, 8 * s, 16 * s, 32 * s, 64 * s, 128 * s, 256 * s, 512 * s,
			15 * time.Minute, 15 * time.Minute, 15 * time.Minute, 15 * time.Minute, 15 * time.Minute}, waits)
		n, err := f.st.Failures(ctx, a.ID)
		require.NoError(t, err)
		require.Equal(t, 20, n, "throttled attempts are not counted")

		f.clock.Add(15 * time.Minute)
		_, err = f.auth.Login(ctx, "erika", goodPassword, "192.0.2.1")
		require.NoError(t, err)
		n, err = f.st.Failures(ctx, a.ID)
		require.NoError(t, err)
		require.Zero(t, n, "success resets the account counter")
	}, account.Migrations)
}

// An unknown login is throttled exactly like an existing one, so the
// lock does not reveal which accounts exist.
func TestAccountThrottleUnknownLoginLikeKnown(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		f.citizen(t, "erika", goodPassword)
		for _, login := range []string{"erika", "niemand"} {
			var errs []error
			for range 7 {
				_, err := f.auth.Login(context.Background(), login, "falsch-falsch", "")
				errs = append(errs, err)
			}
			for _, err := range errs[:6] {
				require.ErrorIs(t, err, account.ErrInvalidCredentials, login)
			}
			require.ErrorIs(t, errs[6], account.ErrThrottled, login)
		}
	}, account.Migrations)
}

// 20 parallel wrong attempts: each is counted exactly once (no lost
// update), and with the default policy only the 6 allowed reach the
// password check — none slips past the counter.
func TestAccountThrottleParallelAttempts(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		t.Run("all counted", func(t *testing.T) {
			f := newFixture(db, account.ThrottlePolicy{AccountFree: 100, IPFree: 100, MaxDelay: time.Minute, Window: time.Hour})
			a := f.citizen(t, "anna", goodPassword)
			errs := parallelLogins(f, "anna", "203.0.113.9", 20)
			require.Equal(t, 20, count(errs, account.ErrInvalidCredentials))
			n, err := f.st.Failures(ctx, a.ID)
			require.NoError(t, err)
			require.Equal(t, 20, n)
		})
		t.Run("none slips past", func(t *testing.T) {
			f := newFixture(db, account.DefaultThrottle)
			a := f.citizen(t, "bernd", goodPassword)
			errs := parallelLogins(f, "bernd", "203.0.113.10", 20)
			require.Equal(t, 6, count(errs, account.ErrInvalidCredentials))
			require.Equal(t, 14, count(errs, account.ErrThrottled))
			n, err := f.st.Failures(ctx, a.ID)
			require.NoError(t, err)
			require.Equal(t, 6, n)
			ipN, err := account.IPFailures(ctx, f.st, "203.0.113.10")
			require.NoError(t, err)
			require.Equal(t, 20, ipN, "the address counter saw all 20")
		})
	}, account.Migrations)
}

func parallelLogins(f *fixture, login, ip string, n int) []error {
	errs := make([]error, n)
	var start, wg sync.WaitGroup
	start.Add(1)
	for i := range n {
		wg.Go(func() {
			start.Wait()
			_, errs[i] = f.auth.Login(context.Background(), login, "falsch-falsch", ip)
		})
	}
	start.Done()
	wg.Wait()
	return errs
}

func count(errs []error, target error) int {
	n := 0
	for _, err := range errs {
		if errorsIs(err, target) {
			n++
		}
	}
	return n
}

// The address limit holds across accounts: a password sprayer from one
// address is stopped after IPFree attempts.
func TestAccountThrottlePerAddress(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.ThrottlePolicy{AccountFree: 5, IPFree: 3, MaxDelay: time.Minute, Window: time.Hour})
		ctx := context.Background()
		for _, u := range []string{"u1", "u2", "u3"} {
			_, err := f.auth.Login(ctx, u, "falsch-falsch", "198.51.100.1")
			require.ErrorIs(t, err, account.ErrInvalidCredentials)
		}
		_, err := f.auth.Login(ctx, "u4", "falsch-falsch", "198.51.100.1")
		require.ErrorIs(t, err, account.ErrInvalidCredentials, "the 4th is still allowed (3 free)")
		_, err = f.auth.Login(ctx, "u5", "falsch-falsch", "198.51.100.1")
		require.ErrorIs(t, err, account.ErrThrottled)
		_, err = f.auth.Login(ctx, "u5", "falsch-falsch", "198.51.100.2")
		require.ErrorIs(t, err, account.ErrInvalidCredentials, "another address is not affected")
	}, account.Migrations)
}

// Two attempts in parallel take their time a moment apart and may write
// in the other order: an attempt whose time is before the counter's last
// stamp is no lock while the failures are still free.
func TestAccountThrottleParallelStampsNoLock(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db, account.DefaultThrottle)
		ctx := context.Background()
		f.citizen(t, "erika", goodPassword)
		_, err := f.auth.Login(ctx, "erika", goodPassword, "192.0.2.7")
		require.NoError(t, err)
		f.clock.Add(-time.Millisecond) // the next attempt took its time just before
		_, err = f.auth.Login(ctx, "erika", goodPassword, "192.0.2.7")
		require.NoError(t, err, "a parallel login from the same address is not throttled")
	}, account.Migrations)
}
