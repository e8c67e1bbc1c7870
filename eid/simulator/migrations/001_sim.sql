-- The eID simulator's identifications in progress (a handle each, single
-- use, a few minutes long) and its test cards' wrong-PIN counters, kept in
-- the shared database so a flow and a blocked card hold on every node.
CREATE TABLE eid_sim_vorgaenge (
	handle     TEXT   PRIMARY KEY,
	request    TEXT   NOT NULL,
	person     TEXT   NOT NULL DEFAULT '',
	allowed    TEXT   NOT NULL DEFAULT '[]',
	state      TEXT   NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL
);

CREATE INDEX eid_sim_vorgaenge_expires ON eid_sim_vorgaenge (expires_at);

-- A test card blocks after three wrong PINs (as a real card asks for the
-- PUK after the third).
CREATE TABLE eid_sim_cards (
	person   TEXT    PRIMARY KEY,
	failures INTEGER NOT NULL
);
