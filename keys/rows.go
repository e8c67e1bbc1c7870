package keys

import (
	"context"
	"fmt"
	"time"

	"mvnk/store"
)

// row is one stored signing key; rows are immutable once inserted.
type row struct {
	KID        string
	Alg        string
	Generation int64
	Created    time.Time
	ActivateAt time.Time
	sealed     string
}

const selectRows = `SELECT kid, alg, generation, created_at, activate_at, private_key FROM signing_keys`

// loadRows reads the whole table, ordered by alg and generation. It is small:
// a few keys per alg.
func (m *Manager) loadRows(ctx context.Context) ([]row, error) {
	return m.queryRows(ctx, selectRows+` ORDER BY alg, generation`)
}

// newest returns the highest generation of alg, or ok=false if there is none.
func (m *Manager) newest(ctx context.Context, alg string) (row, bool, error) {
	rows, err := m.queryRows(ctx, selectRows+` WHERE alg = $1 ORDER BY generation DESC LIMIT 1`, alg)
	if err != nil || len(rows) == 0 {
		return row{}, false, err
	}
	return rows[0], true, nil
}

func (m *Manager) queryRows(ctx context.Context, query string, args ...any) ([]row, error) {
	rows, err := m.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read signing keys: %w", store.Classify(err))
	}
	defer rows.Close()
	var out []row
	for rows.Next() {
		var r row
		var created, activate int64
		if err := rows.Scan(&r.KID, &r.Alg, &r.Generation, &created, &activate, &r.sealed); err != nil {
			return nil, fmt.Errorf("read signing keys: %w", err)
		}
		r.Created, r.ActivateAt = store.FromMicros(created), store.FromMicros(activate)
		out = append(out, r)
	}
	return out, rows.Err()
}

// insert stores a new key. A taken (alg, generation) is store.ErrConflict:
// another node rotated first.
func (m *Manager) insert(ctx context.Context, r row) error {
	_, err := m.db.ExecContext(ctx,
		`INSERT INTO signing_keys (kid, alg, generation, created_at, activate_at, private_key)
		 VALUES ($1, $2, $3, $4, $5, $6)`,
		r.KID, r.Alg, r.Generation, store.Micros(r.Created), store.Micros(r.ActivateAt), r.sealed)
	if err != nil {
		return fmt.Errorf("store %s key generation %d: %w", r.Alg, r.Generation, store.Classify(err))
	}
	return nil
}

func (m *Manager) deleteKey(ctx context.Context, kid string) error {
	_, err := m.db.ExecContext(ctx, `DELETE FROM signing_keys WHERE kid = $1`, kid)
	if err != nil {
		return fmt.Errorf("delete signing key %s: %w", kid, store.Classify(err))
	}
	return nil
}
