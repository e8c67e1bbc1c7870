package app_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/audit"
	"mvnk/internal/app"
	"mvnk/store"
	"mvnk/store/storetest"
)

// auditVars is a dev instance on SQLite, or on a fresh PostgreSQL schema.
func auditVars(t *testing.T, d store.Dialect) (map[string]string, string) {
	vars := devVars(t)
	if d == store.SQLite {
		return vars, "sqlite:" + filepath.Join(vars["MVNK_DATA_DIR"], "mvnk.db")
	}
	vars["MVNK_DATABASE_URL"] = storetest.URL(t, d)
	return vars, vars["MVNK_DATABASE_URL"]
}

func openAudit(t *testing.T, url string) (*store.DB, *audit.Log) {
	db, err := store.Open(context.Background(), url, store.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	_, err = db.Migrate(context.Background(), app.Migrations()...)
	require.NoError(t, err)
	return db, audit.New(db, slog.New(slog.DiscardHandler))
}

func TestAuditCommandVerifyAndList(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d.String(), func(t *testing.T) {
			vars, url := auditVars(t, d)
			code, out, errOut := mvnk(t, vars, "audit", "verify")
			require.Equal(t, 0, code, errOut)
			require.Equal(t, "audit log intact: 0 entries\n", out)

			db, log := openAudit(t, url)
			for _, e := range []audit.Event{
				{Type: audit.LoginFailure, IP: "192.0.2.1", UserAgent: "curl/8"},
				{Type: audit.LoginSuccess, Actor: "acc1", ActorKind: audit.ActorAccount, ClientID: "portal"},
				{Type: audit.ConsentGranted, Actor: "acc1", ActorKind: audit.ActorAccount, ClientID: "antrag",
					Details: map[string]string{"scopes": "openid profile"}},
			} {
				require.NoError(t, log.Record(context.Background(), e))
			}
			code, out, errOut = mvnk(t, vars, "audit", "verify")
			require.Equal(t, 0, code, errOut)
			require.Regexp(t, `^audit log intact: 3 entries, head [0-9a-f]{64}\n$`, out)

			code, out, _ = mvnk(t, vars, "audit", "list", "--limit", "2")
			require.Equal(t, 0, code)
			require.Contains(t, out, `account:acc1`)
			require.Contains(t, out, `scopes="openid profile"`)
			require.NotContains(t, out, audit.LoginFailure, "--limit 2 shows the newest two")

			code, out, _ = mvnk(t, vars, "audit", "list", "--json")
			require.Equal(t, 0, code)
			var list []audit.Entry
			require.NoError(t, json.Unmarshal([]byte(out), &list), out)
			require.Equal(t, []int64{3, 2, 1}, []int64{list[0].Seq, list[1].Seq, list[2].Seq})
			require.Equal(t, "curl/8", list[2].UserAgent)

			tamper(t, db, `UPDATE audit_log SET details = '{"scopes":"openid"}' WHERE seq = 3`)
			code, _, errOut = mvnk(t, vars, "audit", "verify")
			require.Equal(t, 1, code)
			require.Contains(t, errOut, "audit log broken at entry 3: hash mismatch")
		})
	}
}

// tamper edits the log past its triggers, as an attacker with database
// access would.
func tamper(t *testing.T, db *store.DB, q string) {
	unguard := `ALTER TABLE audit_log DISABLE TRIGGER USER`
	if db.Dialect == store.SQLite {
		unguard = `DROP TRIGGER audit_log_no_update`
	}
	for _, s := range []string{unguard, q} {
		_, err := db.Exec(s)
		require.NoError(t, err, s)
	}
}

func TestAuditCommandUsage(t *testing.T) {
	code, _, errOut := mvnk(t, devVars(t), "audit", "erase")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "audit verify")
	code, _, _ = mvnk(t, devVars(t), "audit", "verify", "--limit", "3")
	require.Equal(t, 2, code, "--limit belongs to list only")
}

// Operators' changes from the command line are audited with who ran them.
func TestOperatorCommandsAreAudited(t *testing.T) {
	vars, url := auditVars(t, store.SQLite)
	vars["USER"] = "betrieb"
	code, _, errOut := mvnk(t, vars, "keys", "rotate")
	require.Equal(t, 0, code, errOut)
	createAccount(t, vars, "lena", "lena@example.de")
	code, _, errOut = mvnk(t, vars, "account", "disable", "lena")
	require.Equal(t, 0, code, errOut)

	db, _ := openAudit(t, url)
	rows, err := db.QueryContext(context.Background(), `SELECT type, actor, actor_kind FROM audit_log ORDER BY seq`)
	require.NoError(t, err)
	defer rows.Close()
	var got []string
	for rows.Next() {
		var typ, actor, kind string
		require.NoError(t, rows.Scan(&typ, &actor, &kind))
		got = append(got, typ+" "+kind+":"+actor)
	}
	require.Equal(t, []string{"admin.keys.rotated operator:betrieb", "admin.account.created operator:betrieb",
		"admin.account.disabled operator:betrieb"}, got)
}
