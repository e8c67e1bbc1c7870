package postfach_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/postfach"
)

// A § 41 (2a) Bescheid provided and notified on Monday 2 March 2026: its
// provision ends at 00:00 Berlin on Friday 13 March (2026-03-12 23:00 UTC).
// An opening a microsecond before is the retrieval; one at the end is none
// — even before the hourly sweep marked the Bescheid — so the sweep
// settles it as not retrieved and tells the sender.
func TestRetrievalAfterProvisionEndedDoesNotCount(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		subscribe(t, f)
		inTime, late := sample(postfach.Bescheid), sample(postfach.Bescheid)
		inTime.Rule, late.Rule = postfach.RuleVwVfG41_2a, postfach.RuleVwVfG41_2a
		inID, lateID := create(t, f, inTime), create(t, f, late)
		for _, id := range []string{inID, lateID} {
			require.NoError(t, f.st.MarkNotified(ctx, id, "erika@example.de", f.now))
		}
		end := utc("2026-03-12 23:00")

		f.now = end.Add(-time.Microsecond)
		_, first, err := f.st.MarkRetrieved(ctx, mailbox.AccountID, inID, trust.Basis)
		require.NoError(t, err)
		require.True(t, first, "the last moment still counts")

		f.now = end
		got, first, err := f.st.MarkRetrieved(ctx, mailbox.AccountID, lateID, trust.Basis)
		require.NoError(t, err, "the citizen still reads it")
		require.False(t, first)
		require.Nil(t, got.FirstRetrievedAt)
		require.True(t, got.Deletable(end), "final before the sweep marks it")
		require.False(t, got.Deletable(end.Add(-time.Microsecond)))
		stored, err := f.st.GetForSender(ctx, "bauamt-app", lateID)
		require.NoError(t, err)
		require.Nil(t, stored.FirstRetrievedAt, "no retrieval recorded")
		require.Equal(t, postfach.Bereitgestellt, stored.State)
		require.Zero(t, eventCount(t, f, postfach.WebhookMessageRetrieved, lateID))

		events, err := f.svc.Sweep(ctx, end.Add(time.Hour))
		require.NoError(t, err)
		require.ElementsMatch(t, []postfach.SweepEvent{
			{Type: postfach.WebhookBekanntgegeben, MessageID: inID, Sender: inTime.Sender,
				ApplicationID: "vorgang-1", At: end},
			{Type: postfach.WebhookNotRetrieved, MessageID: lateID, Sender: late.Sender,
				ApplicationID: "vorgang-1", At: end},
		}, events)
		require.Equal(t, 1, eventCount(t, f, postfach.WebhookMessageNotRetrieved, lateID))
		stored, err = f.st.GetForSender(ctx, "bauamt-app", lateID)
		require.NoError(t, err)
		require.Equal(t, postfach.NichtAbgerufen, stored.State)
		require.True(t, stored.Deletable(f.now))
	})
}

// A late retrieval stored before MarkRetrieved refused it must not keep
// the Bescheid pending for ever: the sweep ignores it as DeemedNotifiedAt
// does.
func TestSweepSettlesStoredLateRetrieval(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		m := sample(postfach.Bescheid)
		m.Rule = postfach.RuleVwVfG41_2a
		id := create(t, f, m)
		end := utc("2026-03-12 23:00")
		_, err := f.db.Exec(`UPDATE postfach_messages SET first_retrieved_at = $1, state = 'abgerufen'
			WHERE id = $2`, end.Add(time.Minute).UnixMicro(), id)
		require.NoError(t, err)

		events, err := f.svc.Sweep(ctx, end.Add(time.Hour))
		require.NoError(t, err)
		require.Len(t, events, 1)
		require.Equal(t, postfach.WebhookNotRetrieved, events[0].Type)
		require.True(t, end.Equal(events[0].At))
		got, err := f.st.Get(ctx, mailbox.AccountID, id)
		require.NoError(t, err)
		require.Equal(t, postfach.NichtAbgerufen, got.State)
	})
}
