-- Client assertion replay protection (RFC 7523 §3 item 7): one row per
-- used jti, id = hex(SHA-256(client_id NUL jti)), kept until the
-- assertion expires (at most 5 minutes), then purged.
CREATE TABLE idp_client_assertions (
	id         TEXT   PRIMARY KEY,
	expires_at BIGINT NOT NULL
);
CREATE INDEX idp_client_assertions_expiry ON idp_client_assertions (expires_at);

-- Pushed authorization requests (RFC 9126): id = hex(SHA-256(request_uri)),
-- data the pushed parameters sealed with AES-256-GCM. Single use: the
-- authorization endpoint deletes the row as it reads it.
CREATE TABLE idp_par (
	id         TEXT   PRIMARY KEY,
	client_id  TEXT   NOT NULL,
	expires_at BIGINT NOT NULL,
	data       TEXT   NOT NULL
);
CREATE INDEX idp_par_expiry ON idp_par (expires_at);
