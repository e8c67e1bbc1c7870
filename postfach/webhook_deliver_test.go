package postfach_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
	"mvnk/store"
	"mvnk/store/storetest"
)

var whEvent = postfach.WebhookEvent{Type: postfach.WebhookMessageRetrieved, MessageID: "m1", ApplicationID: "a1",
	OccurredAt: time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)}

func TestWebhookDeliveredSignedWithoutContent(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		w := whNew(t, db, postfach.WebhookOptions{})
		rc := whListen(t)
		whRegister(t, w, rc, "fv1")
		whEnqueue(t, db, w, "fv1", whEvent)
		require.Equal(t, 1, whRunDue(t, whRunner(db, w, &whClock{now: time.Now().Add(time.Second)})))

		bodies, verified := rc.received()
		require.Len(t, bodies, 1)
		require.NoError(t, verified[0])
		var got map[string]string
		require.NoError(t, json.Unmarshal([]byte(bodies[0]), &got))
		require.NotEmpty(t, got["id"])
		delete(got, "id")
		require.Equal(t, map[string]string{"type": "message.retrieved", "message_id": "m1",
			"application_id": "a1", "occurred_at": "2026-03-29T03:30:00+02:00"}, got, "Berlin offset, summer time from 02:00")
		log, err := w.ListDeliveries(context.Background(), "fv1", 10)
		require.NoError(t, err)
		require.Len(t, log, 1)
		require.Equal(t, http.StatusNoContent, log[0].StatusCode)
		require.Equal(t, "delivered", log[0].Outcome)
		require.Equal(t, 1, whCount(t, db, `SELECT COUNT(*) FROM postfach_webhook_events WHERE state = 'delivered'`))
	}, whSets...)
}

func TestWebhookRetriedAfterServerError(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		w := whNew(t, db, postfach.WebhookOptions{})
		rc := whListen(t, http.StatusInternalServerError, http.StatusOK)
		whRegister(t, w, rc, "fv1")
		whEnqueue(t, db, w, "fv1", whEvent)
		c := &whClock{now: time.Now().Add(time.Second)}
		r := whRunner(db, w, c)
		require.Equal(t, 1, whRunDue(t, r))
		require.Zero(t, whRunDue(t, r), "the retry waits for its back-off")
		c.Add(2 * time.Hour)
		require.Equal(t, 1, whRunDue(t, r))

		bodies, verified := rc.received()
		require.Len(t, bodies, 2)
		require.Equal(t, bodies[0], bodies[1], "a retry sends the same event")
		require.NoError(t, errors.Join(verified...))
		log, err := w.ListDeliveries(context.Background(), "fv1", 10)
		require.NoError(t, err)
		require.Len(t, log, 2)
		require.Equal(t, []int{2, 1}, []int{log[0].Attempt, log[1].Attempt})
		require.Equal(t, []int{200, 500}, []int{log[0].StatusCode, log[1].StatusCode})
		require.Equal(t, []string{"delivered", "retry"}, []string{log[0].Outcome, log[1].Outcome})
		require.Equal(t, "http_500", log[1].Error)
	}, whSets...)
}

func TestWebhookFailedWhenAttemptsExhausted(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		w := whNew(t, db, postfach.WebhookOptions{Attempts: 2})
		rc := whListen(t, 500, 503, 200)
		whRegister(t, w, rc, "fv1")
		whEnqueue(t, db, w, "fv1", whEvent)
		c := &whClock{now: time.Now().Add(time.Second)}
		r := whRunner(db, w, c)
		for range 3 {
			whRunDue(t, r)
			c.Add(2 * time.Hour)
		}
		bodies, _ := rc.received()
		require.Len(t, bodies, 2, "no third attempt")
		log, err := w.ListDeliveries(context.Background(), "fv1", 10)
		require.NoError(t, err)
		require.Equal(t, []string{"failed", "retry"}, []string{log[0].Outcome, log[1].Outcome})
		require.Equal(t, 1, whCount(t, db, `SELECT COUNT(*) FROM postfach_webhook_events WHERE state = 'failed'`))
		require.Equal(t, 1, whCount(t, db, `SELECT COUNT(*) FROM jobs WHERE state = 'failed'`))
	}, whSets...)
}

func TestWebhookSlowEndpointTimesOut(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		release := make(chan struct{})
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}))
		t.Cleanup(srv.Close)
		t.Cleanup(func() { close(release) })
		w := whNew(t, db, postfach.WebhookOptions{Timeout: 50 * time.Millisecond})
		_, err := w.Register(context.Background(), "fv1", srv.URL, postfach.WebhookEventTypes)
		require.NoError(t, err)
		whEnqueue(t, db, w, "fv1", whEvent)
		require.Equal(t, 1, whRunDue(t, whRunner(db, w, &whClock{now: time.Now().Add(time.Second)})))

		log, err := w.ListDeliveries(context.Background(), "fv1", 10)
		require.NoError(t, err)
		require.Len(t, log, 1)
		require.Zero(t, log[0].StatusCode)
		require.Equal(t, "retry", log[0].Outcome)
		require.Equal(t, "timeout", log[0].Error)
		require.Equal(t, 1, whCount(t, db, `SELECT COUNT(*) FROM jobs WHERE state = 'pending' AND attempts = 1`))
	}, whSets...)
}

func TestWebhookRedirectNotFollowed(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		var hits atomic.Int32
		target := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
		t.Cleanup(target.Close)
		redirector := httptest.NewServer(http.RedirectHandler(target.URL, http.StatusTemporaryRedirect))
		t.Cleanup(redirector.Close)
		w := whNew(t, db, postfach.WebhookOptions{})
		_, err := w.Register(context.Background(), "fv1", redirector.URL, postfach.WebhookEventTypes)
		require.NoError(t, err)
		whEnqueue(t, db, w, "fv1", whEvent)
		require.Equal(t, 1, whRunDue(t, whRunner(db, w, &whClock{now: time.Now().Add(time.Second)})))

		require.Zero(t, hits.Load(), "the redirect target was called")
		log, err := w.ListDeliveries(context.Background(), "fv1", 10)
		require.NoError(t, err)
		require.Equal(t, http.StatusTemporaryRedirect, log[0].StatusCode)
		require.Equal(t, "retry", log[0].Outcome)
	}, whSets...)
}

// The node dies after the commit, before any delivery: a runner started
// later on the same database delivers the event.
func TestWebhookSurvivesRestartAfterCommit(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d.String(), func(t *testing.T) {
			ctx := context.Background()
			url, rc, sealer := storetest.URL(t, d), whListen(t), whSealer(t)
			db1, err := store.Open(ctx, url, store.Options{})
			require.NoError(t, err)
			_, err = db1.Migrate(ctx, whSets...)
			require.NoError(t, err)
			w1 := postfach.NewWebhooks(db1, sealer, whQuiet, postfach.WebhookOptions{AllowLoopback: true})
			whRegister(t, w1, rc, "fv1")
			whEnqueue(t, db1, w1, "fv1", whEvent)
			_ = whRunner(db1, w1, &whClock{now: time.Now()}) // never runs
			require.NoError(t, db1.Close())

			db2, err := store.Open(ctx, url, store.Options{})
			require.NoError(t, err)
			t.Cleanup(func() { db2.Close() })
			w2 := postfach.NewWebhooks(db2, sealer, whQuiet, postfach.WebhookOptions{AllowLoopback: true})
			require.Equal(t, 1, whRunDue(t, whRunner(db2, w2, &whClock{now: time.Now().Add(time.Second)})))
			bodies, verified := rc.received()
			require.Len(t, bodies, 1)
			require.NoError(t, verified[0])
		})
	}
}

func TestWebhookRolledBackEventNotSent(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		w := whNew(t, db, postfach.WebhookOptions{})
		rc := whListen(t)
		whRegister(t, w, rc, "fv1")
		boom := errors.New("the change failed")
		err := db.InTx(context.Background(), func(tx *sql.Tx) error {
			require.NoError(t, w.Enqueue(context.Background(), tx, "fv1", whEvent))
			return boom
		})
		require.ErrorIs(t, err, boom)
		require.Zero(t, whRunDue(t, whRunner(db, w, &whClock{now: time.Now().Add(time.Second)})))
		require.Zero(t, whCount(t, db, `SELECT COUNT(*) FROM postfach_webhook_events`))
	}, whSets...)
}
