package audit_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/audit"
	"mvnk/store"
	"mvnk/store/storetest"
)

var ctx = context.Background()

func newLog(db *store.DB) *audit.Log { return audit.New(db, slog.New(slog.DiscardHandler)) }

func login(i int) audit.Event {
	return audit.Event{Type: audit.LoginSuccess, Actor: fmt.Sprintf("acc%d", i), ActorKind: audit.ActorAccount,
		ClientID: "portal", IP: "192.0.2.7", UserAgent: "Firefox", Details: map[string]string{"acr": "substanziell"}}
}

func seqs(t *testing.T, db *store.DB) []int64 {
	rows, err := db.Query(`SELECT seq FROM audit_log ORDER BY seq`)
	require.NoError(t, err)
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var s int64
		require.NoError(t, rows.Scan(&s))
		out = append(out, s)
	}
	return out
}

// Eight writers at once, as eight nodes would: every seq taken once, none
// skipped, and the chain holds.
func TestAuditConcurrentAppendsAreGapless(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		log := newLog(db)
		const writers, each = 8, 25
		var wg sync.WaitGroup
		errs := make(chan error, writers*each)
		for w := range writers {
			wg.Go(func() {
				for i := range each {
					errs <- log.Record(ctx, login(w*each+i))
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		got := seqs(t, db)
		require.Len(t, got, writers*each)
		for i, s := range got {
			require.Equal(t, int64(i+1), s)
		}
		r, err := log.Verify(ctx)
		require.NoError(t, err)
		require.True(t, r.OK, "%+v", r)
		require.Equal(t, int64(writers*each), r.Entries)
	}, audit.Migrations)
}

// An event is committed with its caller's transaction or not at all, and
// a rolled-back append does not leave a hole in the numbering.
func TestAuditRecordTxRollsBackWithCaller(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		log := newLog(db)
		boom := errors.New("boom")
		err := db.InTx(ctx, func(tx *sql.Tx) error {
			require.NoError(t, log.RecordTx(ctx, tx, login(1)))
			return boom
		})
		require.ErrorIs(t, err, boom)
		require.Empty(t, seqs(t, db))
		require.NoError(t, log.Record(ctx, login(2)))
		require.Equal(t, []int64{1}, seqs(t, db))
		r, err := log.Verify(ctx)
		require.NoError(t, err)
		require.True(t, r.OK, "%+v", r)
	}, audit.Migrations)
}

func TestAuditRecordNeedsType(t *testing.T) {
	db := storetest.Open(t, store.SQLite, audit.Migrations)
	require.Error(t, newLog(db).Record(ctx, audit.Event{Actor: "x"}))
}

// Over-long or malformed input is cut to size and stored, never refused.
func TestAuditLimitsTruncate(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		log := newLog(db)
		details := map[string]string{}
		for i := range 25 {
			details[fmt.Sprintf("k%02d", i)] = strings.Repeat("v", 300)
		}
		e := audit.Event{Type: audit.LoginFailure, IP: "bad\xff\x00ip",
			UserAgent: strings.Repeat("ä", 600), Details: details}
		require.NoError(t, log.Record(ctx, e))

		list, err := log.List(ctx, 10, 0)
		require.NoError(t, err)
		require.Len(t, list, 1)
		got := list[0]
		require.Equal(t, strings.Repeat("ä", audit.MaxUserAgent), got.UserAgent)
		require.Len(t, got.Details, audit.MaxDetails)
		require.Contains(t, got.Details, "k19", "the first keys in order are kept")
		require.NotContains(t, got.Details, "k20")
		require.Equal(t, strings.Repeat("v", audit.MaxDetailValue), got.Details["k00"])
		require.Equal(t, "bad\uFFFD\uFFFDip", got.IP)
		r, err := log.Verify(ctx)
		require.NoError(t, err)
		require.True(t, r.OK, "%+v", r)
	}, audit.Migrations)
}

func TestAuditListPagesNewestFirst(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		log := newLog(db)
		at := time.Date(2026, 3, 29, 2, 30, 0, 123456789, time.FixedZone("CEST", 2*3600))
		for i := range 5 {
			e := login(i)
			e.Time = at
			require.NoError(t, log.Record(ctx, e))
		}
		page, err := log.List(ctx, 2, 0)
		require.NoError(t, err)
		require.Equal(t, []int64{5, 4}, []int64{page[0].Seq, page[1].Seq})
		require.True(t, page[0].Time.Equal(at.Truncate(time.Microsecond)))
		require.Equal(t, time.UTC, page[0].Time.Location())
		require.Equal(t, "substanziell", page[0].Details["acr"])
		require.Equal(t, page[1].Hash, page[0].PrevHash)

		page, err = log.List(ctx, 10, page[1].Seq)
		require.NoError(t, err)
		require.Len(t, page, 3)
		require.Equal(t, int64(3), page[0].Seq)
	}, audit.Migrations)
}
