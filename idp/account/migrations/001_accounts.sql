-- Accounts of citizens and staff. username_norm and email_norm are the
-- lower-cased copies that make both unique regardless of case; a username
-- never contains "@", so one login string names at most one account.
CREATE TABLE accounts (
	id              TEXT    PRIMARY KEY,
	kind            TEXT    NOT NULL CHECK (kind IN ('citizen', 'staff')),
	username        TEXT    NOT NULL,
	username_norm   TEXT    NOT NULL UNIQUE,
	email           TEXT    NOT NULL,
	email_norm      TEXT    NOT NULL UNIQUE,
	email_verified  BOOLEAN NOT NULL,
	password_hash   TEXT    NOT NULL DEFAULT '',
	state           TEXT    NOT NULL CHECK (state IN ('pending', 'active', 'disabled')),
	trust_level     INTEGER NOT NULL CHECK (trust_level BETWEEN 0 AND 4),
	organisation    TEXT    NOT NULL DEFAULT '',
	roles           TEXT    NOT NULL DEFAULT '[]',
	postfach_handle TEXT    NOT NULL UNIQUE,
	created_at      BIGINT  NOT NULL,
	updated_at      BIGINT  NOT NULL
);
CREATE INDEX accounts_created ON accounts (created_at, id);

-- Attributes with their source and trust level; deleted with the account.
CREATE TABLE account_attributes (
	account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	name       TEXT    NOT NULL,
	value      TEXT    NOT NULL,
	source     TEXT    NOT NULL,
	level      INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
	updated_at BIGINT  NOT NULL,
	PRIMARY KEY (account_id, name)
);

-- Single-use e-mail tokens: only the SHA-256 of the token is stored.
-- email_norm binds a token to the address it was sent to.
CREATE TABLE account_tokens (
	hash       TEXT   PRIMARY KEY,
	account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	purpose    TEXT   NOT NULL,
	email_norm TEXT   NOT NULL,
	expires_at BIGINT NOT NULL,
	used_at    BIGINT
);
CREATE INDEX account_tokens_account ON account_tokens (account_id);
CREATE INDEX account_tokens_expiry ON account_tokens (expires_at);

-- Login throttling counters, keyed "acct:<id>", "login:<sha256>" or
-- "ip:<address>"; shared by all nodes.
CREATE TABLE login_throttle (
	key      TEXT   PRIMARY KEY,
	failures BIGINT NOT NULL,
	last_at  BIGINT NOT NULL
);
CREATE INDEX login_throttle_last ON login_throttle (last_at);
