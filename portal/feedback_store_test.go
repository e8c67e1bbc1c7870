package portal_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/portal"
	"mvnk/store"
	"mvnk/store/storetest"
)

func TestFeedbackStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, portal.Config{})
		ctx := context.Background()
		berlin, err := time.LoadLocation("Europe/Berlin")
		require.NoError(t, err)
		base := time.Date(2026, 3, 29, 2, 30, 0, 123456000, berlin)
		for i, msg := range []string{"erste", "zweite", "dritte"} {
			require.NoError(t, e.p.InsertFeedback(ctx, portal.Feedback{
				ID: store.NewID(), CreatedAt: base.Add(time.Duration(i) * time.Hour),
				Message: msg, Status: portal.FeedbackNew,
			}))
		}

		list, err := e.p.Feedback(ctx, 2)
		require.NoError(t, err)
		require.Len(t, list, 2, "limit applies")
		require.Equal(t, "dritte", list[0].Message, "newest first")
		require.Equal(t, "zweite", list[1].Message)
		require.True(t, base.Add(2*time.Hour).Equal(list[0].CreatedAt))
		require.Equal(t, time.UTC, list[0].CreatedAt.Location())

		require.NoError(t, e.p.SetFeedbackStatus(ctx, list[0].ID, portal.FeedbackDone))
		list, err = e.p.Feedback(ctx, 0)
		require.NoError(t, err)
		require.Len(t, list, 3, "0 means the default limit")
		require.Equal(t, portal.FeedbackDone, list[0].Status)

		require.True(t, list[0].UpdatedAt.After(list[0].CreatedAt), "status change is dated")
		require.True(t, list[1].UpdatedAt.Equal(list[1].CreatedAt))

		require.ErrorIs(t, e.p.SetFeedbackStatus(ctx, "missing", portal.FeedbackDone), store.ErrNotFound)
		require.Error(t, e.p.SetFeedbackStatus(ctx, list[0].ID, "archived"))

		n, err := e.p.PurgeFeedback(ctx, time.Now().Add(-time.Hour))
		require.NoError(t, err)
		require.Zero(t, n, "done only just now")
		n, err = e.p.PurgeFeedback(ctx, time.Now().Add(time.Hour))
		require.NoError(t, err)
		require.EqualValues(t, 1, n, "only the done one goes")
		list, err = e.p.Feedback(ctx, 10)
		require.NoError(t, err)
		require.Len(t, list, 2)
	}, portal.Migrations)
}

// The table refuses what the form refuses, even from a careless caller.
func TestFeedbackTableLimits(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, portal.Config{})
		ctx := context.Background()
		ok := portal.Feedback{CreatedAt: time.Now(), Message: strings.Repeat("ä", 5000), Status: portal.FeedbackNew}
		bad := map[string]func(f *portal.Feedback){
			"message too long": func(f *portal.Feedback) { f.Message += "ä" },
			"empty message":    func(f *portal.Feedback) { f.Message = "" },
			"name too long":    func(f *portal.Feedback) { f.Name = strings.Repeat("n", 201) },
			"email too long":   func(f *portal.Feedback) { f.Email = strings.Repeat("e", 255) },
			"page too long":    func(f *portal.Feedback) { f.PageURL = strings.Repeat("p", 2001) },
			"unknown status":   func(f *portal.Feedback) { f.Status = "archived" },
		}
		for name, change := range bad {
			f := ok
			f.ID = store.NewID()
			change(&f)
			require.Error(t, e.p.InsertFeedback(ctx, f), name)
		}
		ok.ID = store.NewID()
		require.NoError(t, e.p.InsertFeedback(ctx, ok), "5,000 characters fit")
		require.ErrorIs(t, e.p.InsertFeedback(ctx, ok), store.ErrConflict, "same id twice")
	}, portal.Migrations)
}
