package login_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/idp/login"
	"mvnk/store"
	"mvnk/store/storetest"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// newSessions returns a session store on a fresh database with one
// account, whose id it returns.
func newSessions(t *testing.T, db *store.DB) (*login.Sessions, *clock, string) {
	c := &clock{t: time.Date(2026, 3, 29, 1, 30, 0, 500, time.UTC)}
	acct := &account.Account{Username: "erika", Email: "erika@example.de"}
	require.NoError(t, account.NewStore(db).Create(context.Background(), acct))
	s := login.NewSessions(db)
	s.Now = c.Now
	return s, c, acct.ID
}

func TestSessionsStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, c, acctID := newSessions(t, db)
		id, created, err := s.Create(ctx, acctID, "STORK-QAA-Level-1", []string{"pwd"})
		require.NoError(t, err)
		require.Len(t, id, 43, "256 bits, base64url")
		require.Equal(t, c.Now().Truncate(time.Second), created.AuthTime)

		got, err := s.Get(ctx, id)
		require.NoError(t, err)
		require.Equal(t, acctID, got.AccountID)
		require.Equal(t, created.SID, got.SID)
		require.Equal(t, []string{"pwd"}, got.AMR)
		require.Equal(t, time.UTC, got.AuthTime.Location())

		var n int
		require.NoError(t, db.QueryRowContext(ctx, `SELECT COUNT(*) FROM login_sessions WHERE id_hash = $1 OR sid = $1`, id).Scan(&n))
		require.Zero(t, n, "the plain id is never stored")

		_, err = s.Get(ctx, "unbekannt")
		require.ErrorIs(t, err, login.ErrNoSession)
		require.NoError(t, s.Delete(ctx, id))
		_, err = s.Get(ctx, id)
		require.ErrorIs(t, err, login.ErrNoSession)
	}, account.Migrations, login.Migrations)
}

// Activity keeps a session alive until the absolute end; 30 idle minutes
// end it. last_seen is written at most once a minute.
func TestSessionsIdleAndAbsoluteEnd(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, c, acctID := newSessions(t, db)
		id, sess, err := s.Create(ctx, acctID, "STORK-QAA-Level-1", []string{"pwd"})
		require.NoError(t, err)

		c.Add(30 * time.Second)
		got, err := s.Get(ctx, id)
		require.NoError(t, err)
		require.Equal(t, sess.Created, got.LastSeen, "not touched within a minute")

		for range 24 { // 11.6 hours of activity every 29 minutes
			c.Add(29 * time.Minute)
			_, err = s.Get(ctx, id)
			require.NoError(t, err)
		}
		c.Add(29 * time.Minute)
		_, err = s.Get(ctx, id)
		require.ErrorIs(t, err, login.ErrNoSession, "absolute end after 12 h")

		id, _, err = s.Create(ctx, acctID, "STORK-QAA-Level-1", []string{"pwd"})
		require.NoError(t, err)
		c.Add(login.DefaultIdle)
		_, err = s.Get(ctx, id)
		require.ErrorIs(t, err, login.ErrNoSession, "idle end")
	}, account.Migrations, login.Migrations)
}

func TestSessionsDeleteSIDAndPurge(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, c, acctID := newSessions(t, db)
		a, sessA, err := s.Create(ctx, acctID, "STORK-QAA-Level-1", []string{"pwd"})
		require.NoError(t, err)
		b, _, err := s.Create(ctx, acctID, "STORK-QAA-Level-1", []string{"pwd"})
		require.NoError(t, err)
		require.NoError(t, s.DeleteSID(ctx, sessA.SID))
		_, err = s.Get(ctx, a)
		require.ErrorIs(t, err, login.ErrNoSession)

		c.Add(login.DefaultIdle + time.Second)
		require.NoError(t, s.Purge(ctx, ""))
		var n int
		require.NoError(t, db.QueryRowContext(ctx, `SELECT COUNT(*) FROM login_sessions`).Scan(&n))
		require.Zero(t, n, "ended sessions purged")
		_, err = s.Get(ctx, b)
		require.ErrorIs(t, err, login.ErrNoSession)
	}, account.Migrations, login.Migrations)
}
