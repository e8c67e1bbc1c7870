-- Token signing keys. A key is published in the JWKS from created_at, signs
-- from activate_at, and stays published until the next generation of its
-- alg has been active for the longest token lifetime. UNIQUE(alg,
-- generation) is the compare-and-swap that lets several nodes rotate at once:
-- the loser of a race gets a unique violation, not a second key.
CREATE TABLE signing_keys (
	kid         TEXT   PRIMARY KEY,
	alg         TEXT   NOT NULL,
	generation  BIGINT NOT NULL,
	created_at  BIGINT NOT NULL,
	activate_at BIGINT NOT NULL,
	-- base64(nonce ‖ AES-256-GCM(PKCS#8 DER)), additional data bound to kid
	private_key TEXT   NOT NULL,
	UNIQUE (alg, generation)
);

-- gorilla/securecookie secrets: hash key (64 bytes) ‖ block key (32 bytes),
-- sealed like the signing keys. The newest two generations are kept.
CREATE TABLE cookie_keys (
	id         TEXT   PRIMARY KEY,
	generation BIGINT NOT NULL UNIQUE,
	created_at BIGINT NOT NULL,
	secret     TEXT   NOT NULL
);
