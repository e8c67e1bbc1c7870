-- BundID AuthnRequests in flight: the handle (hashed) names the request ID
-- the SAML response must answer (InResponseTo), the minimum level asked for
-- and the ACS URL. A row is deleted when the response arrives, so a
-- response is accepted once (replay protection).
CREATE TABLE eid_bundid_requests (
	handle_hash TEXT    PRIMARY KEY,
	request_id  TEXT    NOT NULL,
	min_level   INTEGER NOT NULL,
	return_url  TEXT    NOT NULL,
	created_at  BIGINT  NOT NULL,
	expires_at  BIGINT  NOT NULL
);
CREATE INDEX eid_bundid_requests_expiry ON eid_bundid_requests (expires_at);

-- Assertion IDs already accepted, kept until the assertion would expire
-- anyway (saml-profiles §4.1.4.5: a bearer assertion is used once).
CREATE TABLE eid_bundid_assertions (
	id         TEXT   PRIMARY KEY,
	expires_at BIGINT NOT NULL
);
CREATE INDEX eid_bundid_assertions_expiry ON eid_bundid_assertions (expires_at);
