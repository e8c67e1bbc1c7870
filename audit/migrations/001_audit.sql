-- The audit log: one row per security-relevant event (ARCHITECTURE.md,
-- principle 5). Rows form a hash chain: hash = SHA-256 over the row's
-- canonical encoding (see chain.go), which includes prev_hash, the hash of
-- row seq-1. seq is gapless and starts at 1; PRIMARY KEY (seq) is the last
-- line of defence against two writers taking the same number.
CREATE TABLE audit_log (
	seq         BIGINT  PRIMARY KEY,
	version     INTEGER NOT NULL, -- encoding version of hash (chain.go)
	occurred_at BIGINT  NOT NULL,
	type        TEXT    NOT NULL,
	actor       TEXT    NOT NULL,
	actor_kind  TEXT    NOT NULL,
	client_id   TEXT    NOT NULL,
	ip          TEXT    NOT NULL,
	user_agent  TEXT    NOT NULL,
	subject     TEXT    NOT NULL,
	details     TEXT    NOT NULL, -- JSON object of strings
	prev_hash   TEXT    NOT NULL, -- '' for seq 1
	hash        TEXT    NOT NULL
);

-- The chain's head: exactly one row, the last appended seq and its hash.
-- An append locks this row first (UPDATE … RETURNING), which serializes
-- writers on every node even while audit_log is still empty, where there
-- is no last row to lock. Verify compares it with the log's last row, so
-- cutting off the tail of the log is detected too.
CREATE TABLE audit_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	seq  BIGINT  NOT NULL,
	hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
