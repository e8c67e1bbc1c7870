-- The ACS relay: BundID posts the response to our ACS from its own site,
-- where the browser's Lax login cookies don't come along. The ACS keeps
-- the posted form under the request's handle and sends the browser on,
-- same-site, to the login's callback, which completes with it.
-- return_url is the callback of the login step for this handle.
CREATE TABLE eid_bundid_relay (
	handle_hash TEXT   PRIMARY KEY,
	return_url  TEXT   NOT NULL,
	form        TEXT   NOT NULL DEFAULT '',
	expires_at  BIGINT NOT NULL
);
CREATE INDEX eid_bundid_relay_expiry ON eid_bundid_relay (expires_at);
