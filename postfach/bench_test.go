package postfach_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
	"mvnk/store"
	"mvnk/store/storetest"
)

// BenchmarkCreateWith100KBAttachment: one message with a 100 KB PDF per
// op — validation (SHA-512), encryption, blob, message row and the audit
// event in one transaction. msgs/s is the acceptance rate of one node.
//
//	MVNK_TEST_POSTGRES_URL=… go test -run '^$' -bench . ./postfach/
func BenchmarkCreateWith100KBAttachment(b *testing.B) {
	content := make([]byte, 100_000)
	_, _ = rand.Read(content)
	for _, d := range storetest.Dialects {
		b.Run(d.String(), func(b *testing.B) {
			f := newFixture(b, storetest.Open(b, d, sets...), nil)
			f.st.Now = time.Now
			ctx := context.Background()
			b.ResetTimer()
			for b.Loop() {
				m := sample(postfach.Bescheid)
				m.Attachments = []postfach.Attachment{pdf(string(content))}
				if _, _, err := f.st.Create(ctx, m, postfach.CreateOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
		})
	}
}

// BenchmarkInboxPage: the first inbox page (20 of 10 000 messages);
// p50 and p99 in ns. BenchmarkUnread is the count shown next to it.
func BenchmarkInboxPage(b *testing.B) {
	for _, d := range storetest.Dialects {
		b.Run(d.String(), func(b *testing.B) {
			f := newFixture(b, storetest.Open(b, d, sets...), nil)
			fillMailbox(b, f, 10_000)
			ctx := context.Background()
			var took []time.Duration
			b.ResetTimer()
			for b.Loop() {
				start := time.Now()
				page, err := f.st.List(ctx, mailbox.AccountID, postfach.Filter{Limit: 20})
				if err != nil || len(page.Messages) != 20 {
					b.Fatal(err, len(page.Messages))
				}
				took = append(took, time.Since(start))
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(took[len(took)*99/100].Nanoseconds()), "p99-ns")
		})
	}
}

// fillMailbox inserts n messages directly (one transaction): the page
// reads only clear columns, and n Creates would dominate the run.
func fillMailbox(b *testing.B, f *fixture, n int) {
	b.Helper()
	create(b, f, sample(postfach.Nachricht)) // the mailbox row and key
	err := f.db.InTx(context.Background(), func(tx *sql.Tx) error {
		for i := range n {
			_, err := tx.Exec(`INSERT INTO postfach_messages (id, account_id, handle, kind, subject,
				body, sender_client, sender_name, service, leika_id, reference, application_id,
				required_level, reply_allowed, reply_to, rule, opt_out, state, provided_at)
				VALUES ($1, $2, $3, 'Nachricht', $4, '', 'c', 'Bauamt', '', '', '', '', 1, FALSE, '', 'none',
				FALSE, 'bereitgestellt', $5)`, store.NewID(), mailbox.AccountID, mailbox.Handle,
				fmt.Sprintf("Nachricht %d", i), store.Micros(f.now.Add(time.Duration(i)*time.Second)))
			if err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(b, err)
	if f.db.Dialect == store.Postgres {
		_, err = f.db.Exec(`ANALYZE postfach_messages`) // as autovacuum would after a bulk load
		require.NoError(b, err)
	}
}

// BenchmarkUnread counts the unread messages of a 10 000-message mailbox
// (the worst case: all unread).
func BenchmarkUnread(b *testing.B) {
	for _, d := range storetest.Dialects {
		b.Run(d.String(), func(b *testing.B) {
			f := newFixture(b, storetest.Open(b, d, sets...), nil)
			fillMailbox(b, f, 10_000)
			b.ResetTimer()
			for b.Loop() {
				if n, err := f.st.Unread(context.Background(), mailbox.AccountID); err != nil || n != 10_001 {
					b.Fatal(err, n)
				}
			}
		})
	}
}
