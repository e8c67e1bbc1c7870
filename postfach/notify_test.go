package postfach_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/internal/mail"
	"mvnk/postfach"
	"mvnk/store/jobs"
)

// addresses is a fake Addresses: account → notice address.
type addresses map[string]string

func (a addresses) NoticeAddress(_ context.Context, accountID string) (string, error) {
	return a[accountID], nil
}

// brokenMail is a MailQueue that fails.
type brokenMail struct{}

func (brokenMail) Queue(context.Context, jobs.Execer, mail.Message) error {
	return errors.New("outbox full")
}

func notifier(f *fixture, q postfach.MailQueue) *postfach.Notifier {
	return &postfach.Notifier{Store: f.st, Addresses: addresses{mailbox.AccountID: "erika@example.de"},
		Mail: q, InboxURL: "https://mv.example.de/postfach", Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func outbox(f *fixture) *mail.Outbox {
	return mail.NewOutbox(f.db, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// The notice job is enqueued with the message and, run by the job
// runner, queues one mail without content and records time and address.
func TestNotifyOnceWithoutContent(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		f.st.Notices = true
		m := sample(postfach.Bescheid)
		m.Subject, m.Body = "GEHEIMER-BETREFF", "GEHEIMER-TEXT"
		id := create(t, f, m)
		n := notifier(f, outbox(f))
		r := jobs.NewRunner(f.db, slog.New(slog.NewTextHandler(io.Discard, nil)),
			jobs.Options{Node: "t", Now: func() time.Time { return time.Now().Add(time.Second) }})
		r.Handle(postfach.JobNotify, n.Notify)
		done, err := r.RunDue(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, done)

		var to, subject, text string
		require.NoError(t, f.db.QueryRow(`SELECT recipient, subject, text_body FROM mail_outbox`).Scan(&to, &subject, &text))
		require.Equal(t, "erika@example.de", to)
		require.Equal(t, "Neue Nachricht in Ihrem Postfach – MV-Nutzerkonto", subject)
		require.Contains(t, text, "seit dem 02.03.2026 eine neue Nachricht von Landkreis X – Bauamt")
		require.Contains(t, text, "https://mv.example.de/postfach")
		require.Contains(t, text, "am dritten Tag nach der Bereitstellung als bekannt gegeben")
		require.NotContains(t, text, "GEHEIM")
		got, err := f.st.Get(ctx, mailbox.AccountID, id)
		require.NoError(t, err)
		require.True(t, f.now.Equal(*got.NotifiedAt))
		require.Equal(t, "erika@example.de", got.NotificationAddr)
		require.Contains(t, auditTypes(t, f), postfach.EventNotified)

		require.NoError(t, n.Notify(ctx, id), "a rerun")
		require.Equal(t, 1, count(t, f, `SELECT COUNT(*) FROM mail_outbox`), "sent once")
	})
}

func TestNotifyJobOnlyWhenWanted(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		create(t, f, sample(postfach.Nachricht))
		require.Zero(t, count(t, f, `SELECT COUNT(*) FROM jobs WHERE kind = $1`, postfach.JobNotify), "Notices off")
		f.st.Notices = true
		id := create(t, f, sample(postfach.Nachricht))
		require.Equal(t, 1, count(t, f, `SELECT COUNT(*) FROM jobs WHERE kind = $1 AND payload = $2`, postfach.JobNotify, id))
		require.NoError(t, f.st.SaveSettings(ctx, mailbox, postfach.Settings{NotifyEmail: false}))
		create(t, f, sample(postfach.Nachricht))
		require.Equal(t, 1, count(t, f, `SELECT COUNT(*) FROM jobs WHERE kind = $1`, postfach.JobNotify), "the citizen said no")
		bid := create(t, f, sample(postfach.Bescheid))
		require.Equal(t, 1, count(t, f, `SELECT COUNT(*) FROM jobs WHERE kind = $1 AND payload = $2`, postfach.JobNotify, bid),
			"a Bescheid's notice is the authority's duty (OZG § 9 Abs. 1 S. 6)")
	})
}

func TestNotifySkipsAndRollsBack(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		id := create(t, f, sample(postfach.Nachricht))
		n := notifier(f, outbox(f))
		n.Addresses = addresses{}
		require.NoError(t, n.Notify(ctx, id), "no address: skipped quietly")
		require.NoError(t, n.Notify(ctx, "deleted-message"))
		require.Zero(t, count(t, f, `SELECT COUNT(*) FROM mail_outbox`))
		gone := create(t, f, sample(postfach.Nachricht))
		require.NoError(t, f.st.Delete(ctx, mailbox.AccountID, gone))
		require.NoError(t, notifier(f, outbox(f)).Notify(ctx, gone), "deleted by the citizen: skipped")
		require.Zero(t, count(t, f, `SELECT COUNT(*) FROM mail_outbox`))

		n = notifier(f, brokenMail{})
		require.Error(t, n.Notify(ctx, id))
		got, err := f.st.Get(ctx, mailbox.AccountID, id)
		require.NoError(t, err)
		require.Nil(t, got.NotifiedAt, "no notice recorded without its mail")
		require.NotContains(t, auditTypes(t, f), postfach.EventNotified)
	})
}

// A plain message says nothing about Bekanntgabe; one under § 41 (2a)
// names its rule.
func TestNotifyTextPerKind(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		n := notifier(f, outbox(f))
		b := sample(postfach.Bescheid)
		b.Rule = postfach.RuleVwVfG41_2a
		for _, m := range []*postfach.Message{sample(postfach.Nachricht), b} {
			require.NoError(t, n.Notify(ctx, create(t, f, m)))
		}
		rows, err := f.db.Query(`SELECT text_body FROM mail_outbox ORDER BY text_body`)
		require.NoError(t, err)
		defer rows.Close()
		var texts []string
		for rows.Next() {
			var s string
			require.NoError(t, rows.Scan(&s))
			texts = append(texts, s)
		}
		require.Len(t, texts, 2)
		require.Contains(t, texts[0]+texts[1], "am Tag nach Ihrem Abruf als bekannt gegeben")
		require.Equal(t, 1, count(t, f, `SELECT COUNT(*) FROM mail_outbox WHERE text_body LIKE '%Bescheid%'`))
	})
}
