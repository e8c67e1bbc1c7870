-- Webhooks of Postfach senders, signed as FIT-Connect callbacks
-- (egov-standards §5.7). One endpoint per sender client; its secret is
-- sealed under the master key (keys.Sealer), never stored in clear.
CREATE TABLE postfach_webhook_endpoints (
	client_id     TEXT   PRIMARY KEY,
	url           TEXT   NOT NULL,
	secret_sealed TEXT   NOT NULL,
	created_at    BIGINT NOT NULL,
	updated_at    BIGINT NOT NULL
);

-- The event types a client wants; Enqueue writes nothing for the others.
CREATE TABLE postfach_webhook_subscriptions (
	client_id  TEXT NOT NULL REFERENCES postfach_webhook_endpoints (client_id) ON DELETE CASCADE,
	event_type TEXT NOT NULL,
	PRIMARY KEY (client_id, event_type)
);

-- One row per event to deliver (the outbox): written in the transaction
-- of the change that caused it, delivered by the job runner.
-- state: pending | delivered | failed | dropped (endpoint removed).
CREATE TABLE postfach_webhook_events (
	id         TEXT    PRIMARY KEY,
	client_id  TEXT    NOT NULL,
	event_type TEXT    NOT NULL,
	body       TEXT    NOT NULL,
	state      TEXT    NOT NULL DEFAULT 'pending',
	attempts   INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT  NOT NULL,
	updated_at BIGINT  NOT NULL
);
CREATE INDEX postfach_webhook_events_updated ON postfach_webhook_events (updated_at);

-- The delivery log a sender (or the operator) reads: one row per attempt.
-- outcome: delivered | retry | failed.
CREATE TABLE postfach_webhook_deliveries (
	id          TEXT    PRIMARY KEY,
	event_id    TEXT    NOT NULL,
	client_id   TEXT    NOT NULL,
	event_type  TEXT    NOT NULL,
	attempt     INTEGER NOT NULL,
	at          BIGINT  NOT NULL,
	status_code INTEGER NOT NULL DEFAULT 0,
	error       TEXT,
	duration_us BIGINT  NOT NULL,
	outcome     TEXT    NOT NULL
);
CREATE INDEX postfach_webhook_deliveries_client ON postfach_webhook_deliveries (client_id, at);
CREATE INDEX postfach_webhook_deliveries_at ON postfach_webhook_deliveries (at);
