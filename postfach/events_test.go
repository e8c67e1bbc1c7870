package postfach_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/postfach"
)

// subscribe registers the sample sender's client for every event type.
func subscribe(t *testing.T, f *fixture) {
	_, err := f.hooks.Register(context.Background(), "bauamt-app", "https://fv.example.org/cb", postfach.WebhookEventTypes)
	require.NoError(t, err)
}

func eventCount(t *testing.T, f *fixture, eventType, messageID string) int {
	return count(t, f, `SELECT COUNT(*) FROM postfach_webhook_events WHERE client_id = 'bauamt-app'
		AND event_type = $1 AND body LIKE $2`, eventType, `%"message_id":"`+messageID+`"%`)
}

func TestMarkRetrievedQueuesWebhookOnce(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		subscribe(t, f)
		id := create(t, f, sample(postfach.Bescheid))
		for range 2 {
			_, _, err := f.st.MarkRetrieved(ctx, mailbox.AccountID, id, trust.Basis)
			require.NoError(t, err)
		}
		require.Equal(t, 1, eventCount(t, f, postfach.WebhookMessageRetrieved, id), "only the first retrieval")
		require.Equal(t, 1, count(t, f, `SELECT COUNT(*) FROM jobs WHERE kind = $1`, postfach.JobWebhookDeliver))
	})
}

// The event is part of the retrieval's transaction: if it can't be
// queued, the retrieval is not recorded either.
func TestMarkRetrievedRollsBackWithEvent(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		id := create(t, f, sample(postfach.Bescheid))
		f.st.Events = failingEvents{}
		_, first, err := f.st.MarkRetrieved(ctx, mailbox.AccountID, id, trust.Basis)
		require.ErrorIs(t, err, errEventQueue)
		require.False(t, first)
		got, err := f.st.Get(ctx, mailbox.AccountID, id)
		require.NoError(t, err)
		require.Nil(t, got.FirstRetrievedAt)
		require.Equal(t, postfach.Bereitgestellt, got.State)
		require.Equal(t, []string{postfach.EventProvided}, auditTypes(t, f))
	})
}

func TestSweepQueuesWebhooks(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		subscribe(t, f)
		ozg := create(t, f, sample(postfach.Bescheid))
		late := sample(postfach.Bescheid)
		late.Rule = postfach.RuleVwVfG41_2a
		unretrieved := create(t, f, late)
		_, err := f.svc.Sweep(ctx, utc("2026-03-12 23:00"))
		require.NoError(t, err)
		require.Equal(t, 1, eventCount(t, f, postfach.WebhookMessageBekanntgegeben, ozg))
		require.Equal(t, 1, eventCount(t, f, postfach.WebhookMessageNotRetrieved, unretrieved))
		require.Equal(t, 1, count(t, f, `SELECT COUNT(*) FROM postfach_webhook_events
			WHERE body LIKE '%"occurred_at":"2026-03-05T00:00:00+01:00","deemed_notified_on":"2026-03-05"}'`),
			"the deemed day, 00:00 Berlin, and the day itself")
		require.Equal(t, 1, count(t, f, `SELECT COUNT(*) FROM postfach_webhook_events
			WHERE body LIKE '%"occurred_at":"2026-03-13T00:00:00+01:00","provision_ended_on":"2026-03-13"}'`),
			"the provision's end, 00:00 Berlin of the eleventh day")
		_, err = f.svc.Sweep(ctx, utc("2026-03-20 00:00"))
		require.NoError(t, err)
		require.Equal(t, 2, count(t, f, `SELECT COUNT(*) FROM postfach_webhook_events`), "each once")
	})
}

func TestSweepRollsBackWithEvent(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		id := create(t, f, sample(postfach.Bescheid))
		f.st.Events = failingEvents{}
		events, err := f.svc.Sweep(ctx, utc("2026-03-12 23:00"))
		require.ErrorIs(t, err, errEventQueue)
		require.Empty(t, events)
		got, err := f.st.Get(ctx, mailbox.AccountID, id)
		require.NoError(t, err)
		require.Equal(t, postfach.Bereitgestellt, got.State, "not marked without its event")
		require.NotContains(t, auditTypes(t, f), postfach.EventBekanntgegeben)
	})
}

// SweepJob sweeps at the store's clock.
func TestSweepJob(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		subscribe(t, f)
		id := create(t, f, sample(postfach.Bescheid))
		f.now = utc("2026-03-04 22:59")
		require.NoError(t, f.svc.SweepJob(ctx, ""))
		require.Zero(t, eventCount(t, f, postfach.WebhookMessageBekanntgegeben, id))
		f.now = utc("2026-03-04 23:00")
		require.NoError(t, f.svc.SweepJob(ctx, ""))
		require.Equal(t, 1, eventCount(t, f, postfach.WebhookMessageBekanntgegeben, id))
		got, err := f.st.Get(ctx, mailbox.AccountID, id)
		require.NoError(t, err)
		require.Equal(t, postfach.Bekanntgegeben, got.State)
	})
}

// A sender without an endpoint, or not subscribed, gets nothing, and the
// change goes through.
func TestEventsWithoutSubscriptionAreNoError(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		id := create(t, f, sample(postfach.Bescheid))
		_, first, err := f.st.MarkRetrieved(ctx, mailbox.AccountID, id, trust.Basis)
		require.NoError(t, err)
		require.True(t, first)
		_, err = f.hooks.Register(ctx, "bauamt-app", "https://fv.example.org/cb", []string{postfach.WebhookReplyCreated})
		require.NoError(t, err)
		_, err = f.svc.Sweep(ctx, utc("2026-03-12 23:00"))
		require.NoError(t, err)
		require.Zero(t, count(t, f, `SELECT COUNT(*) FROM postfach_webhook_events`))
		got, err := f.st.Get(ctx, mailbox.AccountID, id)
		require.NoError(t, err)
		require.Equal(t, postfach.Bekanntgegeben, got.State)
	})
}
