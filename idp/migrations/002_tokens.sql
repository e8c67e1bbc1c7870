-- OAuth 2.0 / OIDC grant state of the fosite core: authorization codes,
-- access and refresh tokens, one row each. id is hex(SHA-256(kind ":"
-- signature)), so the database never holds a usable token signature
-- (RFC 9700 §4.14, hydra's x.SignatureHash). PKCE and OIDC request state
-- are read from the code row, so they cost no row of their own.
-- data is the fosite request (client, scopes, form, session) as JSON,
-- sealed with AES-256-GCM under a key derived from the master key.
CREATE TABLE idp_tokens (
	id               TEXT    PRIMARY KEY,
	kind             TEXT    NOT NULL CHECK (kind IN ('code', 'access', 'refresh')),
	request_id       TEXT    NOT NULL,
	client_id        TEXT    NOT NULL,
	subject          TEXT    NOT NULL DEFAULT '',
	session_id       TEXT    NOT NULL DEFAULT '',
	jti              TEXT    NOT NULL DEFAULT '',
	active           BOOLEAN NOT NULL,
	access_id        TEXT    NOT NULL DEFAULT '',
	first_used_at    BIGINT  NOT NULL DEFAULT 0,
	requested_at     BIGINT  NOT NULL,
	expires_at       BIGINT  NOT NULL,
	data             TEXT    NOT NULL
);
CREATE INDEX idp_tokens_request ON idp_tokens (request_id, kind);
CREATE INDEX idp_tokens_expiry ON idp_tokens (expires_at);
CREATE INDEX idp_tokens_jti ON idp_tokens (jti);
