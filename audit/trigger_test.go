package audit_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/audit"
	"mvnk/store"
	"mvnk/store/storetest"
)

// The append-only triggers refuse changes through plain SQL on both
// databases; only an INSERT through the API gets in.
func TestAuditTriggersRefuseUpdateAndDelete(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		require.NoError(t, newLog(db).Record(ctx, login(1)))
		refused := []string{
			`UPDATE audit_log SET actor = 'someone else' WHERE seq = 1`,
			`DELETE FROM audit_log WHERE seq = 1`,
			`UPDATE audit_head SET seq = 0, hash = '' WHERE id = 1`,
			`DELETE FROM audit_head`,
		}
		if db.Dialect == store.Postgres {
			refused = append(refused, `TRUNCATE audit_log`, `TRUNCATE audit_head`)
		}
		for _, q := range refused {
			_, err := db.ExecContext(ctx, q)
			require.Error(t, err, q)
			require.Contains(t, err.Error(), "audit_", q)
		}
		var actor string
		require.NoError(t, db.QueryRow(`SELECT actor FROM audit_log WHERE seq = 1`).Scan(&actor))
		require.Equal(t, "acc1", actor)
		r, err := newLog(db).Verify(ctx)
		require.NoError(t, err)
		require.True(t, r.OK, "%+v", r)
	}, audit.Migrations)
}
