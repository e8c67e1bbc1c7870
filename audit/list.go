package audit

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"mvnk/store"
)

// Entry is an Event as stored: its place in the chain and its hashes.
type Entry struct {
	Seq int64 `json:"seq"`
	Event
	Version  int    `json:"version"`
	PrevHash string `json:"prev_hash"`
	Hash     string `json:"hash"`
}

const entryColumns = `seq, version, occurred_at, type, actor, actor_kind, client_id,
	ip, user_agent, subject, details, prev_hash, hash`

// List returns up to limit entries older than before, newest first;
// before <= 0 starts at the newest. For paging, pass the last Seq seen.
func (l *Log) List(ctx context.Context, limit int, before int64) ([]Entry, error) {
	if limit <= 0 {
		limit = 50
	}
	if before <= 0 {
		before = 1<<63 - 1
	}
	rows, err := l.db.QueryContext(ctx, `SELECT `+entryColumns+` FROM audit_log
		WHERE seq < $1 ORDER BY seq DESC LIMIT $2`, before, limit)
	if err != nil {
		return nil, store.Classify(err)
	}
	return scanEntries(rows)
}

// scanEntries reads and closes rows. An entry whose details are not a
// JSON object of strings is returned with Details nil and the raw text
// under the key "!unreadable", so Verify reports it as a hash mismatch
// instead of the whole read failing.
func scanEntries(rows *sql.Rows) ([]Entry, error) {
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var en Entry
		var at int64
		var details string
		err := rows.Scan(&en.Seq, &en.Version, &at, &en.Type, &en.Actor, &en.ActorKind,
			&en.ClientID, &en.IP, &en.UserAgent, &en.Subject, &details, &en.PrevHash, &en.Hash)
		if err != nil {
			return nil, fmt.Errorf("audit: read entry: %w", err)
		}
		en.Time = store.FromMicros(at)
		if json.Unmarshal([]byte(details), &en.Details) != nil {
			en.Details = map[string]string{"!unreadable": details}
		}
		if len(en.Details) == 0 {
			en.Details = nil
		}
		out = append(out, en)
	}
	return out, store.Classify(rows.Err())
}
