package postfach_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/keys"
	"mvnk/postfach"
	"mvnk/store"
	"mvnk/store/storetest"
)

func TestWebhookRegisterValidates(t *testing.T) {
	all := postfach.WebhookEventTypes
	tests := []struct {
		url    string
		events []string
		want   error
	}{
		{"https://fv.example.org/cb", all, nil},
		{"http://127.0.0.1:8080/cb", all, nil},
		{"http://localhost/cb", []string{"reply.created"}, nil},
		{"http://[::1]:9/cb", all, nil},
		{"http://fv.example.org/cb", all, postfach.ErrWebhookURL},
		{"http://127.0.0.1.example.org/cb", all, postfach.ErrWebhookURL},
		{"ftp://fv.example.org/cb", all, postfach.ErrWebhookURL},
		{"https://user:pw@fv.example.org/cb", all, postfach.ErrWebhookURL},
		{"/relative", all, postfach.ErrWebhookURL},
		{"https://fv.example.org/cb", []string{"message.deleted"}, postfach.ErrWebhookEventType},
		{"https://fv.example.org/cb", nil, postfach.ErrWebhookEventType},
	}
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		w := whNew(t, db, postfach.WebhookOptions{})
		for _, tc := range tests {
			_, err := w.Register(context.Background(), "fv1", tc.url, tc.events)
			if tc.want == nil {
				require.NoError(t, err, tc.url)
				continue
			}
			require.ErrorIs(t, err, tc.want, tc.url)
		}
	}, whSets...)
}

func TestWebhookSecretShownOnceSealedAndRotated(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := whNew(t, db, postfach.WebhookOptions{})
		first, err := w.Register(ctx, "fv1", "https://fv.example.org/a", []string{"reply.created", "message.retrieved", "reply.created"})
		require.NoError(t, err)
		require.Len(t, first, 43)
		again, err := w.Register(ctx, "fv1", "https://fv.example.org/b", []string{"message.bekanntgegeben"})
		require.NoError(t, err)
		require.Empty(t, again, "an update keeps and does not show the secret")
		e, err := w.Endpoint(ctx, "fv1")
		require.NoError(t, err)
		require.Equal(t, "https://fv.example.org/b", e.URL)
		require.Equal(t, []string{"message.bekanntgegeben"}, e.Events)

		rotated, err := w.RotateSecret(ctx, "fv1")
		require.NoError(t, err)
		require.NotEqual(t, first, rotated)
		var sealed string
		require.NoError(t, db.QueryRow(`SELECT secret_sealed FROM postfach_webhook_endpoints`).Scan(&sealed))
		require.NotContains(t, sealed, rotated)
		_, err = w.RotateSecret(ctx, "unknown")
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = w.Endpoint(ctx, "unknown")
		require.ErrorIs(t, err, store.ErrNotFound)
	}, whSets...)
}

func TestWebhookRotatedSecretSigns(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		w := whNew(t, db, postfach.WebhookOptions{})
		rc := whListen(t)
		whRegister(t, w, rc, "fv1")
		whEnqueue(t, db, w, "fv1", whEvent)
		rotated, err := w.RotateSecret(context.Background(), "fv1")
		require.NoError(t, err)
		old := rc.secret
		rc.secret = []byte(rotated)
		r := whRunner(db, w, &whClock{now: time.Now().Add(time.Second)})
		require.Equal(t, 1, whRunDue(t, r))
		rc.secret = old
		whEnqueue(t, db, w, "fv1", whEvent)
		require.Equal(t, 1, whRunDue(t, r))
		_, verified := rc.received()
		require.Len(t, verified, 2)
		require.NoError(t, verified[0], "a pending event is signed with the new secret")
		require.ErrorIs(t, verified[1], postfach.ErrWebhookSignature, "the old secret no longer signs")
	}, whSets...)
}

func TestWebhookOnlySubscribedEventsQueued(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := whNew(t, db, postfach.WebhookOptions{})
		_, err := w.Register(ctx, "fv1", "https://fv.example.org/cb", []string{postfach.WebhookReplyCreated})
		require.NoError(t, err)
		whEnqueue(t, db, w, "fv1", whEvent)          // not subscribed
		whEnqueue(t, db, w, "other-client", whEvent) // no endpoint
		require.Zero(t, whCount(t, db, `SELECT COUNT(*) FROM jobs`))
		whEnqueue(t, db, w, "fv1", postfach.WebhookEvent{Type: postfach.WebhookReplyCreated, MessageID: "m1", ReplyID: "r1"})
		require.Equal(t, 1, whCount(t, db, `SELECT COUNT(*) FROM jobs`))
		err = w.Enqueue(ctx, db, "fv1", postfach.WebhookEvent{Type: "message.read"})
		require.ErrorIs(t, err, postfach.ErrWebhookEventType)
	}, whSets...)
}

func TestWebhookDroppedWhenEndpointDeleted(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		w := whNew(t, db, postfach.WebhookOptions{})
		rc := whListen(t)
		whRegister(t, w, rc, "fv1")
		whEnqueue(t, db, w, "fv1", whEvent)
		require.NoError(t, w.DeleteEndpoint(context.Background(), "fv1"))
		require.ErrorIs(t, w.DeleteEndpoint(context.Background(), "fv1"), store.ErrNotFound)
		require.Equal(t, 1, whRunDue(t, whRunner(db, w, &whClock{now: time.Now().Add(time.Second)})))
		bodies, _ := rc.received()
		require.Empty(t, bodies)
		require.Equal(t, 1, whCount(t, db, `SELECT COUNT(*) FROM postfach_webhook_events WHERE state = 'dropped'`))
		require.Zero(t, whCount(t, db, `SELECT COUNT(*) FROM jobs`))
	}, whSets...)
}

// The log is per client, newest first, limited, and purged after Keep.
func TestWebhookDeliveryLogListedAndPurged(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now()
		c := &whClock{now: now.Add(time.Second)}
		old := whNew(t, db, postfach.WebhookOptions{Now: func() time.Time { return now.Add(-31 * 24 * time.Hour) }})
		w := whNew(t, db, postfach.WebhookOptions{})
		rc, other := whListen(t), whListen(t)
		whRegister(t, w, rc, "fv1")
		whRegister(t, w, other, "fv2")
		whEnqueue(t, db, w, "fv2", whEvent)
		for i := range 3 {
			whEnqueue(t, db, w, "fv1", postfach.WebhookEvent{Type: postfach.WebhookMessageRetrieved, MessageID: strings.Repeat("m", i+1)})
		}
		require.Equal(t, 4, whRunDue(t, whRunner(db, w, c)))
		_, err := db.Exec(`UPDATE postfach_webhook_deliveries SET at = $1 WHERE client_id = 'fv2'`,
			store.Micros(now.Add(-31*24*time.Hour)))
		require.NoError(t, err)

		log, err := w.ListDeliveries(ctx, "fv1", 2)
		require.NoError(t, err)
		require.Len(t, log, 2)
		require.False(t, log[0].At.Before(log[1].At))
		require.NoError(t, old.Purge(ctx, ""), "a purge with an old clock deletes nothing")
		require.NoError(t, w.Purge(ctx, ""))
		log, err = w.ListDeliveries(ctx, "fv2", 10)
		require.NoError(t, err)
		require.Empty(t, log)
		log, err = w.ListDeliveries(ctx, "fv1", 10)
		require.NoError(t, err)
		require.Len(t, log, 3)
	}, whSets...)
}

// A secret that no longer opens (another master key) is a failed attempt
// in the log, not a silent stop.
func TestWebhookUndecryptableSecretLogged(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		w := whNew(t, db, postfach.WebhookOptions{})
		rc := whListen(t)
		whRegister(t, w, rc, "fv1")
		whEnqueue(t, db, w, "fv1", whEvent)
		otherKey, err := keys.NewSealer([]byte(strings.Repeat("k", 32)))
		require.NoError(t, err)
		w2 := postfach.NewWebhooks(db, otherKey, whQuiet, postfach.WebhookOptions{AllowLoopback: true})
		require.Equal(t, 1, whRunDue(t, whRunner(db, w2, &whClock{now: time.Now().Add(time.Second)})))
		bodies, _ := rc.received()
		require.Empty(t, bodies)
		log, err := w.ListDeliveries(context.Background(), "fv1", 10)
		require.NoError(t, err)
		require.Len(t, log, 1)
		require.Equal(t, "retry", log[0].Outcome)
		require.Equal(t, "other", log[0].Error, "the detail goes to the server log only")
	}, whSets...)
}
