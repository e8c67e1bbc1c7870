package postfach_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/postfach"
)

func TestMarkRetrievedOnlyFirstCounts(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		m := sample(postfach.Bescheid)
		m.RequiredLevel = trust.Hoch
		id := create(t, f, m)
		_, first, err := f.st.MarkRetrieved(ctx, mailbox.AccountID, id, trust.Basis)
		require.ErrorIs(t, err, postfach.ErrLevelTooLow)
		require.False(t, first)
		opened := f.now.Add(time.Hour)
		f.now = opened
		got, first, err := f.st.MarkRetrieved(ctx, mailbox.AccountID, id, trust.Hoch)
		require.NoError(t, err)
		require.True(t, first)
		require.Equal(t, postfach.Abgerufen, got.State)
		f.now = opened.Add(time.Hour)
		_, first, err = f.st.MarkRetrieved(ctx, mailbox.AccountID, id, trust.Hoch)
		require.NoError(t, err)
		require.False(t, first)
		stored, err := f.svc.GetForSender(ctx, "bauamt-app", id)
		require.NoError(t, err)
		require.True(t, opened.Equal(*stored.FirstRetrievedAt))
		require.Equal(t, trust.Hoch, stored.RetrievedLevel)
		require.Equal(t, []string{postfach.EventProvided, postfach.EventRetrieved}, auditTypes(t, f))
	})
}

// TestSweepOZG9 provides a Bescheid on Monday 2 March 2026, 11:00 Berlin:
// it is bekannt gegeben on Thursday 5 March, 00:00 Berlin, not a second
// earlier, and only once; until then it cannot be deleted.
func TestSweepOZG9(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		id := create(t, f, sample(postfach.Bescheid))
		create(t, f, sample(postfach.Nachricht))
		deemed := utc("2026-03-04 23:00")
		events, err := f.svc.Sweep(ctx, deemed.Add(-time.Second))
		require.NoError(t, err)
		require.Empty(t, events)
		require.ErrorIs(t, f.st.Delete(ctx, mailbox.AccountID, id), postfach.ErrBekanntgabePending)

		events, err = f.svc.Sweep(ctx, deemed)
		require.NoError(t, err)
		require.Equal(t, []postfach.SweepEvent{{Type: postfach.WebhookBekanntgegeben, MessageID: id,
			Sender: sample("").Sender, ApplicationID: "vorgang-1", At: events[0].At}}, events)
		require.True(t, deemed.Equal(events[0].At))
		events, err = f.svc.Sweep(ctx, deemed.Add(time.Hour))
		require.NoError(t, err)
		require.Empty(t, events, "reported once")

		got, err := f.st.Get(ctx, mailbox.AccountID, id)
		require.NoError(t, err)
		require.Equal(t, postfach.Bekanntgegeben, got.State)
		require.True(t, deemed.Equal(*got.DeemedNotifiedAt))
		require.Contains(t, auditTypes(t, f), postfach.EventBekanntgegeben)
		require.NoError(t, f.st.Delete(ctx, mailbox.AccountID, id))
		_, err = f.st.Get(ctx, mailbox.AccountID, id)
		require.ErrorIs(t, err, postfach.ErrNoMessage)
	})
}

// TestSweepVwVfG41: one Bescheid retrieved (effective the next day), one
// never retrieved (provision ends after ten days from the notice).
func TestSweepVwVfG41(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		retrieved, unretrieved := sample(postfach.Bescheid), sample(postfach.Bescheid)
		retrieved.Rule, unretrieved.Rule = postfach.RuleVwVfG41_2a, postfach.RuleVwVfG41_2a
		rid, uid := create(t, f, retrieved), create(t, f, unretrieved)
		require.NoError(t, f.st.MarkNotified(ctx, uid, "erika@example.de", f.now))
		f.now = utc("2026-03-03 22:30") // 23:30 Berlin
		_, _, err := f.st.MarkRetrieved(ctx, mailbox.AccountID, rid, trust.Basis)
		require.NoError(t, err)

		events, err := f.svc.Sweep(ctx, utc("2026-03-03 22:59"))
		require.NoError(t, err)
		require.Empty(t, events)
		events, err = f.svc.Sweep(ctx, utc("2026-03-03 23:00"))
		require.NoError(t, err)
		require.Len(t, events, 1)
		require.Equal(t, rid, events[0].MessageID)

		events, err = f.svc.Sweep(ctx, utc("2026-03-12 22:59"))
		require.NoError(t, err)
		require.Empty(t, events)
		events, err = f.svc.Sweep(ctx, utc("2026-03-12 23:00"))
		require.NoError(t, err)
		require.Len(t, events, 1)
		require.Equal(t, postfach.SweepEvent{Type: postfach.WebhookNotRetrieved, MessageID: uid,
			Sender: unretrieved.Sender, ApplicationID: "vorgang-1", At: utc("2026-03-12 23:00")}, events[0])
		_, first, err := f.st.MarkRetrieved(ctx, mailbox.AccountID, uid, trust.Basis)
		require.NoError(t, err)
		require.False(t, first, "no retrieval after the provision ended")
		got, err := f.st.Get(ctx, mailbox.AccountID, uid)
		require.NoError(t, err)
		require.Equal(t, postfach.NichtAbgerufen, got.State)
		require.Contains(t, auditTypes(t, f), postfach.EventNotRetrieved)
	})
}
