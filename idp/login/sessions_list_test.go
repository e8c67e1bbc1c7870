package login_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/idp/login"
	"mvnk/store"
	"mvnk/store/storetest"
)

// An account sees its live sessions, newest use first, and ends one of
// them by sid; another account's sid is not its to end.
func TestSessionsListAndEndSID(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, c, acctID := newSessions(t, db)
		other := &account.Account{Username: "max", Email: "max@example.de"}
		require.NoError(t, account.NewStore(db).Create(ctx, other))
		_, old, err := s.Create(ctx, acctID, "STORK-QAA-Level-1", []string{"pwd"})
		require.NoError(t, err)
		c.Add(2 * time.Minute)
		_, recent, err := s.Create(ctx, acctID, "STORK-QAA-Level-1", []string{"pwd", "otp"})
		require.NoError(t, err)
		_, foreign, err := s.Create(ctx, other.ID, "STORK-QAA-Level-1", []string{"pwd"})
		require.NoError(t, err)

		list, err := s.List(ctx, acctID)
		require.NoError(t, err)
		require.Len(t, list, 2)
		require.Equal(t, recent.SID, list[0].SID)
		require.Equal(t, []string{"pwd", "otp"}, list[0].AMR)
		require.Equal(t, old.SID, list[1].SID)

		require.ErrorIs(t, s.EndSID(ctx, acctID, foreign.SID), login.ErrNoSession)
		require.NoError(t, s.EndSID(ctx, acctID, old.SID))
		require.ErrorIs(t, s.EndSID(ctx, acctID, old.SID), login.ErrNoSession)
		list, err = s.List(ctx, acctID)
		require.NoError(t, err)
		require.Len(t, list, 1)

		c.Add(login.DefaultIdle)
		list, err = s.List(ctx, acctID)
		require.NoError(t, err)
		require.Empty(t, list, "ended sessions are not listed")
		list, err = s.List(ctx, other.ID)
		require.NoError(t, err)
		require.Empty(t, list)
	}, account.Migrations, login.Migrations)
}

func TestSessionsEndOthers(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, _, acctID := newSessions(t, db)
		keep, mine, err := s.Create(ctx, acctID, "STORK-QAA-Level-1", []string{"pwd"})
		require.NoError(t, err)
		for range 2 {
			_, _, err = s.Create(ctx, acctID, "STORK-QAA-Level-1", []string{"pwd"})
			require.NoError(t, err)
		}
		n, err := s.EndOthers(ctx, acctID, mine.SID)
		require.NoError(t, err)
		require.EqualValues(t, 2, n)
		_, err = s.Get(ctx, keep)
		require.NoError(t, err)
		list, err := s.List(ctx, acctID)
		require.NoError(t, err)
		require.Len(t, list, 1)
	}, account.Migrations, login.Migrations)
}

// Touch moves the idle end at once (unlike Get, which writes at most once
// a minute), never past the absolute end, and not for an ended session.
func TestSessionsTouchAndEnds(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, c, acctID := newSessions(t, db)
		s.Idle = 10 * time.Minute
		id, sess, err := s.Create(ctx, acctID, "STORK-QAA-Level-1", []string{"pwd"})
		require.NoError(t, err)
		require.Equal(t, sess.Created.Add(10*time.Minute), s.Ends(sess))

		c.Add(20 * time.Second)
		require.NoError(t, s.Touch(ctx, sess))
		require.Equal(t, c.Now().Truncate(time.Microsecond).Add(10*time.Minute), s.Ends(sess))
		c.Add(10*time.Minute - time.Second)
		got, err := s.Get(ctx, id)
		require.NoError(t, err, "the touch was stored: 10:19 after the start, 9:59 after the touch")

		s.Absolute = 15 * time.Minute
		require.Equal(t, sess.Created.Add(15*time.Minute), s.Ends(got), "never past the absolute end")
		c.Add(15 * time.Minute)
		require.ErrorIs(t, s.Touch(ctx, got), login.ErrNoSession)
		require.NoError(t, s.Delete(ctx, id))
		fresh := *sess
		fresh.Created, fresh.LastSeen = c.Now(), c.Now()
		require.ErrorIs(t, s.Touch(ctx, &fresh), login.ErrNoSession, "deleted")
	}, account.Migrations, login.Migrations)
}
