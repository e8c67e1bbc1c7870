package mail_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/internal/mail"
	"mvnk/store"
	"mvnk/store/jobs"
	"mvnk/store/storetest"
)

var migrations = []store.Migrations{jobs.Migrations, mail.Migrations}

func runner(db *store.DB, c *clock, o *mail.Outbox) *jobs.Runner {
	r := jobs.NewRunner(db, quiet, jobs.Options{Node: "test", Now: c.Now, Lease: time.Minute})
	r.Handle(mail.JobSend, o.Deliver)
	return r
}

func count(t *testing.T, db *store.DB, query string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, db.QueryRow(query, args...).Scan(&n))
	return n
}

// queue queues m in a transaction of its own, as a caller would.
func queue(t *testing.T, db *store.DB, o *mail.Outbox, m mail.Message) {
	t.Helper()
	require.NoError(t, db.InTx(context.Background(), func(tx *sql.Tx) error {
		return o.Queue(context.Background(), tx, m)
	}))
}

// The SMTP server is down: the job fails and is retried after its back-off;
// when the server is back, the mail is delivered exactly once.
func TestOutboxRetriesUntilSMTPIsBack(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := &fakeSMTP{t: t}
		f.start()
		sender, err := mail.NewSMTPSender(smtpConfig(f, mail.Plain, nil))
		require.NoError(t, err)
		o := mail.NewOutbox(db, sender, quiet)
		c := newClock()
		r := runner(db, c, o)
		queue(t, db, o, testMessage())

		f.stop()
		for range 3 {
			n, err := r.RunDue(ctx)
			require.NoError(t, err)
			require.Equal(t, 1, n, "one attempt")
			n, _ = r.RunDue(ctx)
			require.Zero(t, n, "the next attempt waits for the back-off")
			c.Add(2 * time.Hour)
		}
		require.Equal(t, 1, count(t, db, `SELECT COUNT(*) FROM mail_outbox WHERE state = 'queued'`))
		require.Equal(t, 1, count(t, db, `SELECT COUNT(*) FROM jobs WHERE attempts = 3 AND last_error LIKE '%connect%'`))

		f.start() // back up, same port
		n, err := r.RunDue(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		c.Add(24 * time.Hour)
		n, _ = r.RunDue(ctx)
		require.Zero(t, n, "nothing left to do")
		require.Len(t, f.messages(), 1, "delivered exactly once")
		require.Equal(t, 1, count(t, db, `SELECT COUNT(*) FROM mail_outbox WHERE state = 'sent'`))
		require.Zero(t, count(t, db, `SELECT COUNT(*) FROM jobs`))
	}, migrations...)
}

// recorder is a Sender that remembers what it was given.
type recorder struct {
	mu   sync.Mutex
	sent []mail.Message
	err  error
}

func (r *recorder) Send(_ context.Context, m mail.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return r.err
	}
	r.sent = append(r.sent, m)
	return nil
}

func (r *recorder) count() int { r.mu.Lock(); defer r.mu.Unlock(); return len(r.sent) }

// The mail belongs to the caller's transaction: rolled back, nothing is
// queued and nothing is sent.
func TestQueueInRolledBackTransactionSendsNothing(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rec := &recorder{}
		o := mail.NewOutbox(db, rec, quiet)
		boom := errors.New("registration failed")
		err := db.InTx(ctx, func(tx *sql.Tx) error {
			require.NoError(t, o.Queue(ctx, tx, testMessage()))
			return boom
		})
		require.ErrorIs(t, err, boom)
		n, err := runner(db, newClock(), o).RunDue(ctx)
		require.NoError(t, err)
		require.Zero(t, n)
		require.Zero(t, rec.count())
		require.Zero(t, count(t, db, `SELECT COUNT(*) FROM mail_outbox`))
	}, migrations...)
}

func TestQueueRefusesInjectionAndStoresNothing(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		o := mail.NewOutbox(db, &recorder{}, quiet)
		m := testMessage()
		m.Subject = "Hallo\r\nBcc: opfer@example.org"
		require.ErrorIs(t, o.Queue(context.Background(), db, m), mail.ErrPermanent)
		require.Zero(t, count(t, db, `SELECT COUNT(*) FROM mail_outbox`))
		require.Zero(t, count(t, db, `SELECT COUNT(*) FROM jobs`))
	}, migrations...)
}

// A permanent failure is recorded and not retried.
func TestPermanentFailureIsNotRetried(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rec := &recorder{err: fmt.Errorf("%w: RCPT TO: 550 no such user", mail.ErrPermanent)}
		o := mail.NewOutbox(db, rec, quiet)
		queue(t, db, o, testMessage())
		c := newClock()
		n, err := runner(db, c, o).RunDue(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		require.Equal(t, 1, count(t, db, `SELECT COUNT(*) FROM mail_outbox WHERE state = 'rejected' AND last_error LIKE '%550%'`))
		require.Zero(t, count(t, db, `SELECT COUNT(*) FROM jobs`))
	}, migrations...)
}

// A delivery job that runs again (a lapsed lease) does not send twice,
// and one whose mail was purged does nothing.
func TestDeliverIsIdempotent(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rec := &recorder{}
		o := mail.NewOutbox(db, rec, quiet)
		queue(t, db, o, testMessage())
		var id string
		require.NoError(t, db.QueryRow(`SELECT id FROM mail_outbox`).Scan(&id))
		require.NoError(t, o.Deliver(ctx, id))
		require.NoError(t, o.Deliver(ctx, id))
		require.Equal(t, 1, rec.count())
		require.Equal(t, id, rec.sent[0].ID, "the outbox id travels as the Message-ID")
		require.Equal(t, "account.confirm", rec.sent[0].Kind)
		require.NoError(t, o.Deliver(ctx, "gibtsnicht"))
	}, migrations...)
}

// Sent mail is deleted after seven days, undeliverable mail after thirty,
// dev mailbox entries after seven.
func TestPurge(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rec := &recorder{}
		o := mail.NewOutbox(db, rec, quiet)
		dev := mail.NewDevMailbox(db, quiet)
		for range 3 {
			queue(t, db, o, testMessage())
		}
		_, err := db.Exec(`UPDATE mail_outbox SET state = 'sent' WHERE id IN (SELECT id FROM mail_outbox ORDER BY id LIMIT 1)`)
		require.NoError(t, err)
		require.NoError(t, dev.Send(ctx, testMessage()))

		now := time.Now()
		o.SetNow(func() time.Time { return now.Add(8 * 24 * time.Hour) })
		require.NoError(t, o.Purge(ctx, ""))
		require.Equal(t, 2, count(t, db, `SELECT COUNT(*) FROM mail_outbox WHERE state = 'queued'`), "queued mail stays")
		require.Zero(t, count(t, db, `SELECT COUNT(*) FROM mail_outbox WHERE state = 'sent'`))
		require.Zero(t, count(t, db, `SELECT COUNT(*) FROM mail_dev`))

		o.SetNow(func() time.Time { return now.Add(31 * 24 * time.Hour) })
		require.NoError(t, o.Purge(ctx, ""))
		require.Zero(t, count(t, db, `SELECT COUNT(*) FROM mail_outbox`))
	}, migrations...)
}
