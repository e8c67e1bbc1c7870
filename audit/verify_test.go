package audit

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/store"
	"mvnk/store/storetest"
)

// seed appends n events in one transaction (fast, and it proves several
// appends in one transaction chain up).
func seed(t *testing.T, db *store.DB, n int) *Log {
	log := New(db, slog.New(slog.DiscardHandler))
	require.NoError(t, db.InTx(context.Background(), func(tx *sql.Tx) error {
		for i := range n {
			e := Event{Type: ConsentGranted, Actor: fmt.Sprint("acc", i), ActorKind: ActorAccount,
				ClientID: "antrag", Subject: "scope:openid profile", Details: map[string]string{"n": fmt.Sprint(i)}}
			if err := log.RecordTx(context.Background(), tx, e); err != nil {
				return err
			}
		}
		return nil
	}))
	return log
}

// unguard removes the append-only triggers, as an attacker with database
// access would before editing the log.
func unguard(t *testing.T, db *store.DB) {
	stmts := []string{`ALTER TABLE audit_log DISABLE TRIGGER USER`, `ALTER TABLE audit_head DISABLE TRIGGER USER`}
	if db.Dialect == store.SQLite {
		stmts = []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`,
			`DROP TRIGGER audit_head_forward`}
	}
	for _, s := range stmts {
		_, err := db.Exec(s)
		require.NoError(t, err, s)
	}
}

// rehash recomputes entry seq's own hash after it was edited, as a careful
// attacker would; only the link from the next entry still gives it away.
func rehash(t *testing.T, db *store.DB, seq int64) {
	rows, err := db.Query(`SELECT `+entryColumns+` FROM audit_log WHERE seq = $1`, seq)
	require.NoError(t, err)
	list, err := scanEntries(rows)
	require.NoError(t, err)
	h, err := entryHash(list[0].Version, seq, list[0].Event, list[0].PrevHash)
	require.NoError(t, err)
	_, err = db.Exec(`UPDATE audit_log SET hash = $1 WHERE seq = $2`, h, seq)
	require.NoError(t, err)
}

func TestAuditVerifyFindsTampering(t *testing.T) {
	const n = verifyBatch + 5 // the walk crosses a batch boundary
	exec := func(q string, args ...any) func(*testing.T, *store.DB) {
		return func(t *testing.T, db *store.DB) {
			_, err := db.Exec(q, args...)
			require.NoError(t, err)
		}
	}
	cases := []struct {
		name   string
		tamper func(*testing.T, *store.DB)
		bad    int64
		reason string
	}{
		{"details edited", exec(`UPDATE audit_log SET details = '{"n":"x"}' WHERE seq = 1002`), 1002, "hash mismatch"},
		{"time edited", exec(`UPDATE audit_log SET occurred_at = occurred_at + 1 WHERE seq = 7`), 7, "hash mismatch"},
		{"row deleted", exec(`DELETE FROM audit_log WHERE seq = 42`), 42, "gap after 41"},
		{"first row deleted", exec(`DELETE FROM audit_log WHERE seq = 1`), 1, "log starts at 2, not 1"},
		{"tail cut off", exec(`DELETE FROM audit_log WHERE seq > 1000`), 1001, "missing: log ends at 1000, head is at 1005"},
		{"edited and rehashed", func(t *testing.T, db *store.DB) {
			exec(`UPDATE audit_log SET actor = 'mallory' WHERE seq = 9`)(t, db)
			rehash(t, db, 9)
		}, 10, "broken link"},
		{"last edited and rehashed", func(t *testing.T, db *store.DB) {
			exec(`UPDATE audit_log SET actor = 'mallory' WHERE seq = $1`, n)(t, db)
			rehash(t, db, n)
		}, n, "last entry does not match the recorded head"},
		{"unknown version", exec(`UPDATE audit_log SET version = 2 WHERE seq = 3`), 3, "unknown encoding version 2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			storetest.Run(t, func(t *testing.T, db *store.DB) {
				log := seed(t, db, n)
				r, err := log.Verify(context.Background())
				require.NoError(t, err)
				require.True(t, r.OK, "%+v", r)
				require.Equal(t, int64(n), r.Entries)

				unguard(t, db)
				tc.tamper(t, db)
				r, err = log.Verify(context.Background())
				require.NoError(t, err)
				require.False(t, r.OK)
				require.Equal(t, tc.bad, r.BadSeq)
				require.Equal(t, tc.reason, r.Reason)
			}, Migrations)
		})
	}
}

func TestAuditVerifyEmptyLog(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		r, err := New(db, slog.New(slog.DiscardHandler)).Verify(context.Background())
		require.NoError(t, err)
		require.Equal(t, Report{OK: true}, r)
	}, Migrations)
}
