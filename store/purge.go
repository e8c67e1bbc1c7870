package store

import (
	"context"
	"time"
)

// DeleteExpired removes the rows of table whose expires_at lies before t,
// at most batch rows per statement, so that clearing a large backlog never
// holds a long lock on a busy table. key names the table's primary key
// columns ("id" or "sid, client_id"). table and key are identifiers from
// the calling code, never from input. It reports how many rows it deleted.
func (db *DB) DeleteExpired(ctx context.Context, table, key string, t time.Time, batch int) (int64, error) {
	query := `DELETE FROM ` + table + ` WHERE (` + key + `) IN
		(SELECT ` + key + ` FROM ` + table + ` WHERE expires_at < $1 LIMIT $2)`
	var total int64
	for ctx.Err() == nil {
		res, err := db.ExecContext(ctx, query, Micros(t), batch)
		if err != nil {
			return total, Classify(err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, err
		}
		total += n
		if n < int64(batch) {
			return total, nil
		}
	}
	return total, ctx.Err()
}
