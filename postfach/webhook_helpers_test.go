package postfach_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/keys"
	"mvnk/postfach"
	"mvnk/store"
	"mvnk/store/jobs"
)

var whQuiet = slog.New(slog.NewTextHandler(io.Discard, nil))

var whSets = []store.Migrations{jobs.Migrations, postfach.WebhookMigrations}

func whSealer(t *testing.T) *keys.Sealer {
	s, err := keys.NewSealer(make([]byte, 32))
	require.NoError(t, err)
	return s
}

// whNew: the test receivers are httptest servers on 127.0.0.1.
func whNew(t *testing.T, db *store.DB, opts postfach.WebhookOptions) *postfach.Webhooks {
	opts.AllowLoopback = true
	return postfach.NewWebhooks(db, whSealer(t), whQuiet, opts)
}

// whClock is the runner's clock: advancing it lets a retry's back-off pass.
type whClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *whClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *whClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func whRunner(db *store.DB, w *postfach.Webhooks, c *whClock) *jobs.Runner {
	r := jobs.NewRunner(db, whQuiet, jobs.Options{Node: "test", Now: c.Now, Lease: time.Minute})
	r.Handle(postfach.JobWebhookDeliver, w.Deliver)
	return r
}

// whReceiver is a Fachverfahren's callback endpoint: it verifies every
// request with postfach.Verify and answers with the next status code.
type whReceiver struct {
	t        *testing.T
	mu       sync.Mutex
	secret   []byte
	statuses []int
	bodies   []string
	verified []error
	srv      *httptest.Server
}

func whListen(t *testing.T, statuses ...int) *whReceiver {
	rc := &whReceiver{t: t, statuses: statuses}
	rc.srv = httptest.NewServer(http.HandlerFunc(rc.serve))
	t.Cleanup(rc.srv.Close)
	return rc
}

func (rc *whReceiver) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	err := postfach.Verify(rc.secret, r.Header.Get(postfach.HeaderCallbackTimestamp),
		r.Header.Get(postfach.HeaderCallbackAuthentication), body, time.Now())
	if r.Header.Get("Content-Type") != "application/json" || r.Method != http.MethodPost {
		err = io.ErrUnexpectedEOF
	}
	rc.bodies, rc.verified = append(rc.bodies, string(body)), append(rc.verified, err)
	status := http.StatusNoContent
	if len(rc.statuses) > 0 {
		status, rc.statuses = rc.statuses[0], rc.statuses[1:]
	}
	w.WriteHeader(status)
}

func (rc *whReceiver) received() ([]string, []error) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]string(nil), rc.bodies...), append([]error(nil), rc.verified...)
}

// whRegister registers clientID at rc for all event types.
func whRegister(t *testing.T, w *postfach.Webhooks, rc *whReceiver, clientID string) {
	secret, err := w.Register(context.Background(), clientID, rc.srv.URL+"/callback", postfach.WebhookEventTypes)
	require.NoError(t, err)
	require.NotEmpty(t, secret)
	rc.secret = []byte(secret)
}

// whEnqueue commits one event in a transaction of its own.
func whEnqueue(t *testing.T, db *store.DB, w *postfach.Webhooks, clientID string, e postfach.WebhookEvent) {
	require.NoError(t, db.InTx(context.Background(), func(tx *sql.Tx) error {
		return w.Enqueue(context.Background(), tx, clientID, e)
	}))
}

func whCount(t *testing.T, db *store.DB, query string, args ...any) int {
	var n int
	require.NoError(t, db.QueryRow(query, args...).Scan(&n))
	return n
}

func whRunDue(t *testing.T, r *jobs.Runner) int {
	n, err := r.RunDue(context.Background())
	require.NoError(t, err)
	return n
}
