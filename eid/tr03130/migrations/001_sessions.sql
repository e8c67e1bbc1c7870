-- Open identifications at the TR-03130 eID-Server: the handle the browser
-- carries names the eID-Server's session (TR-03130 §3.2.1.2). The PSK of
-- the TC Token is stored sealed under the master key; counter is the last
-- getResult RequestCounter used (TR-03130 §3.2.2.1: +1 per call). A row is
-- deleted when getResult gives a final answer, or after expires_at.
CREATE TABLE eid_tr03130_sessions (
	handle         TEXT    PRIMARY KEY,
	session_id     TEXT    NOT NULL,
	psk_id         TEXT    NOT NULL,
	psk_sealed     TEXT    NOT NULL,
	server_address TEXT    NOT NULL,
	return_url     TEXT    NOT NULL,
	min_level      INTEGER NOT NULL,
	counter        BIGINT  NOT NULL DEFAULT 0,
	created_at     BIGINT  NOT NULL,
	expires_at     BIGINT  NOT NULL
);
CREATE INDEX eid_tr03130_sessions_expires ON eid_tr03130_sessions (expires_at);
