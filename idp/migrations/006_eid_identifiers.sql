-- Clients registered to need the sector-specific identifiers of the eID
-- (RestrictedID) and of BundID (bPK2), released as restricted_id and bpk2
-- (egov-standards §2.4). Off for every client until an operator sets it.
ALTER TABLE clients ADD COLUMN eid_identifiers BOOLEAN NOT NULL DEFAULT FALSE;
