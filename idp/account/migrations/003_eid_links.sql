-- Sector-specific eID identifiers linked to an account (egov-standards
-- §2.4): the TR-03130 RestrictedID of a sector, the BundID bPK2. Only the
-- SHA-256 of an identifier is stored here; one identifier belongs to one
-- account at most, and a link goes with its account.
CREATE TABLE account_eid_links (
	account_id   TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	sector       TEXT   NOT NULL,
	subject_hash TEXT   NOT NULL,
	created_at   BIGINT NOT NULL,
	UNIQUE (sector, subject_hash)
);

CREATE INDEX account_eid_links_account ON account_eid_links (account_id);
