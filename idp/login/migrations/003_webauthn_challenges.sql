-- WebAuthn ceremonies in progress (go-webauthn's SessionData as JSON):
-- the challenge a browser must sign, kept server-side so any node can
-- finish what another began. The script holds a random 256-bit id; only
-- its SHA-256 (id_hash) is stored. purpose is login, second_factor or
-- register; account_id is empty for a discoverable login, where the
-- passkey names the account. A ceremony lives five minutes and is
-- deleted when it is finished, so each challenge is used once. ip is the
-- address that began it: one address may hold only a few at a time.
CREATE TABLE login_webauthn_challenges (
	id_hash    TEXT   PRIMARY KEY,
	purpose    TEXT   NOT NULL,
	account_id TEXT   NOT NULL,
	ip         TEXT   NOT NULL,
	session    TEXT   NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE INDEX login_webauthn_challenges_expiry ON login_webauthn_challenges (expires_at);
CREATE INDEX login_webauthn_challenges_ip ON login_webauthn_challenges (ip, expires_at);
