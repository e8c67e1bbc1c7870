package account_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/store"
)

// fastParams keep tests quick (the race detector slows argon2id ~10×);
// the default parameters are covered by TestDefaultParamsPHC and the
// benchmark.
var fastParams = account.Params{MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// clock is a settable time source shared by store and authenticator.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

type fixture struct {
	st    *account.Store
	auth  *account.Authenticator
	clock *clock
}

func newFixture(db *store.DB, tp account.ThrottlePolicy) *fixture {
	c := &clock{t: time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)}
	st := account.NewStore(db)
	st.Now = c.Now
	return &fixture{st: st, auth: account.NewAuthenticator(st, fastParams, tp), clock: c}
}

// citizen creates an active citizen with password pw.
func (f *fixture) citizen(t *testing.T, username, pw string) *account.Account {
	t.Helper()
	a := &account.Account{Username: username, Email: username + "@example.de", EmailVerified: true}
	require.NoError(t, f.auth.Create(context.Background(), a, pw))
	require.Equal(t, account.Active, a.State)
	return a
}

const goodPassword = "Ostseewind über Warnemünde"

func errorsIs(err, target error) bool { return errors.Is(err, target) }

func errorsAs(err error, target any) bool { return errors.As(err, target) }
