package audit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"mvnk/store"
)

// hashVersion is the version of the canonical encoding below, stored in
// every row so a future encoding can take over without rewriting history.
const hashVersion = 1

// encodeV1 is the canonical encoding an entry's hash is taken over:
//
//	"mvnk.audit.v1" followed by netstrings ("<byte length>:<bytes>,") of
//	seq              decimal
//	time             decimal microseconds since the Unix epoch (UTC)
//	type, actor, actor_kind, client_id, ip, user_agent, subject
//	len(details)     decimal, then key and value of each detail, keys
//	                 sorted bytewise
//	prev_hash        lower-case hex of the previous entry's hash, "" for seq 1
//
// Length prefixes make it injective: no two different entries encode alike,
// however their fields are split. hash = lower-case hex SHA-256 of it.
func encodeV1(seq int64, e Event, prevHash string) []byte {
	b := []byte("mvnk.audit.v1")
	field := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(append(append(b, ':'), s...), ',')
	}
	field(strconv.FormatInt(seq, 10))
	field(strconv.FormatInt(store.Micros(e.Time), 10))
	for _, s := range []string{e.Type, e.Actor, e.ActorKind, e.ClientID, e.IP, e.UserAgent, e.Subject} {
		field(s)
	}
	field(strconv.Itoa(len(e.Details)))
	for _, k := range slices.Sorted(maps.Keys(e.Details)) {
		field(k)
		field(e.Details[k])
	}
	field(prevHash)
	return b
}

// entryHash is the hash of entry seq in encoding version v.
func entryHash(v int, seq int64, e Event, prevHash string) (string, error) {
	if v != hashVersion {
		return "", fmt.Errorf("unknown encoding version %d", v)
	}
	sum := sha256.Sum256(encodeV1(seq, e, prevHash))
	return hex.EncodeToString(sum[:]), nil
}

// appendEntry appends e as the entry after the head. Reading the head
// with lock (FOR UPDATE on PostgreSQL) holds its row until tx ends, so a
// second writer waits there and then reads the head this one left, even
// while audit_log is still empty; SQLite's writer lock (every transaction
// begins IMMEDIATE) already lets only one in. The head moves in one write.
func appendEntry(ctx context.Context, tx *sql.Tx, e Event, lock string) (int64, error) {
	var seq int64
	var prev string
	err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`+lock).Scan(&seq, &prev)
	if err != nil {
		return 0, fmt.Errorf("audit: lock head: %w", store.Classify(err))
	}
	seq++
	hash, err := entryHash(hashVersion, seq, e, prev)
	if err != nil {
		return 0, err
	}
	details, err := json.Marshal(orEmpty(e.Details))
	if err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (seq, version, occurred_at, type, actor,
		actor_kind, client_id, ip, user_agent, subject, details, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		seq, hashVersion, store.Micros(e.Time), e.Type, e.Actor, e.ActorKind, e.ClientID,
		e.IP, e.UserAgent, e.Subject, string(details), prev, hash)
	if err != nil {
		return 0, fmt.Errorf("audit: append entry %d: %w", seq, store.Classify(err))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`, seq, hash); err != nil {
		return 0, fmt.Errorf("audit: move head: %w", store.Classify(err))
	}
	return seq, nil
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}
