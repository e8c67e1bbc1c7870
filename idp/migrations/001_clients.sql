-- Registered OAuth 2.0 / OIDC clients (RFC 6749 §2, OIDC Core). List
-- fields and the JWKS are JSON text; lifetimes are seconds. version is the
-- compare-and-swap counter of UpdateClient.
CREATE TABLE clients (
	id                        TEXT    PRIMARY KEY,
	version                   BIGINT  NOT NULL,
	name                      TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	owner                     TEXT    NOT NULL DEFAULT '',
	secret_hash               TEXT    NOT NULL DEFAULT '',
	redirect_uris             TEXT    NOT NULL DEFAULT '[]',
	post_logout_redirect_uris TEXT    NOT NULL DEFAULT '[]',
	backchannel_logout_uri    TEXT    NOT NULL DEFAULT '',
	grant_types               TEXT    NOT NULL DEFAULT '[]',
	scopes                    TEXT    NOT NULL DEFAULT '[]',
	audience                  TEXT    NOT NULL DEFAULT '[]',
	auth_method               TEXT    NOT NULL,
	jwks                      TEXT    NOT NULL DEFAULT '',
	jwks_uri                  TEXT    NOT NULL DEFAULT '',
	public                    BOOLEAN NOT NULL,
	require_pkce              BOOLEAN NOT NULL,
	require_par               BOOLEAN NOT NULL,
	access_token_format       TEXT    NOT NULL,
	access_token_lifetime     BIGINT  NOT NULL,
	refresh_token_lifetime    BIGINT  NOT NULL,
	id_token_lifetime         BIGINT  NOT NULL,
	first_party               BOOLEAN NOT NULL,
	subject_type              TEXT    NOT NULL CHECK (subject_type IN ('pairwise', 'public')),
	sector_identifier         TEXT    NOT NULL DEFAULT '',
	min_trust_level           INTEGER NOT NULL CHECK (min_trust_level BETWEEN 0 AND 4),
	created_at                BIGINT  NOT NULL,
	updated_at                BIGINT  NOT NULL
);
CREATE INDEX clients_created ON clients (created_at, id);
