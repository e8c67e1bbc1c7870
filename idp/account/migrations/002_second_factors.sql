-- Second factors of an account. Every table goes with its account.

-- TOTP (RFC 6238). secret is sealed (AES-256-GCM under the master key,
-- the account id as additional data); confirmed_at is NULL while the
-- enrolment waits for its first code. last_step is the time step of the
-- last code accepted: a code is taken once (RFC 6238 §5.2).
CREATE TABLE account_totp (
	account_id   TEXT   PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
	secret       TEXT   NOT NULL,
	confirmed_at BIGINT,
	last_step    BIGINT NOT NULL DEFAULT 0,
	created_at   BIGINT NOT NULL
);

-- Recovery codes: only the SHA-256 of each code is stored; a used code
-- keeps its row with used_at, so it is refused, not unknown.
CREATE TABLE account_recovery_codes (
	account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	code_hash  TEXT   NOT NULL,
	used_at    BIGINT,
	created_at BIGINT NOT NULL,
	PRIMARY KEY (account_id, code_hash)
);

-- The WebAuthn user handle of an account: random bytes (base64url), never
-- the account id, so an authenticator learns nothing about the account.
CREATE TABLE account_webauthn_users (
	account_id  TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
	user_handle TEXT NOT NULL UNIQUE
);

-- Passkeys (WebAuthn Level 2 credentials). id is the credential id
-- (base64url); credential is the stored credential as JSON (public key,
-- attestation type, transports, AAGUID); sign_count and the backup flags
-- are columns because every login updates them.
CREATE TABLE account_passkeys (
	id              TEXT    PRIMARY KEY,
	account_id      TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	name            TEXT    NOT NULL,
	credential      TEXT    NOT NULL,
	sign_count      BIGINT  NOT NULL,
	backup_eligible BOOLEAN NOT NULL,
	backup_state    BOOLEAN NOT NULL,
	created_at      BIGINT  NOT NULL,
	last_used_at    BIGINT
);
CREATE INDEX account_passkeys_account ON account_passkeys (account_id);
