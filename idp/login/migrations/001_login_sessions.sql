-- Login sessions of the web login. The browser's cookie holds a random
-- 256-bit id; only its SHA-256 (id_hash) is stored. sid is the session id
-- the ID token carries (OIDC Front-/Back-Channel Logout). expires_at is the
-- earlier of the absolute and the idle end, for the purge job; the login
-- checks both limits itself.
CREATE TABLE login_sessions (
	id_hash    TEXT   PRIMARY KEY,
	account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	sid        TEXT   NOT NULL UNIQUE,
	auth_time  BIGINT NOT NULL,
	acr        TEXT   NOT NULL,
	amr        TEXT   NOT NULL,
	created_at BIGINT NOT NULL,
	last_seen  BIGINT NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE INDEX login_sessions_account ON login_sessions (account_id);
CREATE INDEX login_sessions_expiry ON login_sessions (expires_at);
