-- Half-done logins: the password was right, the second factor is still
-- to come. The browser's cookie holds a random 256-bit id; only its
-- SHA-256 (id_hash) is stored. weiter is the continuation, amr what was
-- proven so far (RFC 8176, JSON), failures the wrong second-factor codes.
-- A pending login lives five minutes and is no session: nothing is
-- authorized with it.
CREATE TABLE login_pending (
	id_hash    TEXT    PRIMARY KEY,
	account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	weiter     TEXT    NOT NULL,
	amr        TEXT    NOT NULL,
	failures   INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT  NOT NULL,
	expires_at BIGINT  NOT NULL
);
CREATE INDEX login_pending_expiry ON login_pending (expires_at);
