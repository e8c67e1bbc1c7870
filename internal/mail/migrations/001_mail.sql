-- The mail outbox (ARCHITECTURE.md principle 5): a row per e-mail, written
-- in the transaction of the action that causes it, delivered by the job
-- "mail.send". state: queued → sent, or rejected (a permanent failure).
-- Bodies may hold one-time links, so sent and rejected rows are deleted
-- seven days after delivery by the job "mail.purge".
CREATE TABLE mail_outbox (
	id         TEXT   PRIMARY KEY,
	kind       TEXT   NOT NULL DEFAULT '',
	recipient  TEXT   NOT NULL,
	subject    TEXT   NOT NULL,
	text_body  TEXT   NOT NULL,
	html_body  TEXT   NOT NULL DEFAULT '',
	state      TEXT   NOT NULL DEFAULT 'queued',
	last_error TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX mail_outbox_state ON mail_outbox (state, updated_at);

-- The dev mailbox: what a development instance without an SMTP server
-- "sent". id is the outbox id, so a retried delivery is stored once.
CREATE TABLE mail_dev (
	id          TEXT   PRIMARY KEY,
	kind        TEXT   NOT NULL DEFAULT '',
	recipient   TEXT   NOT NULL,
	subject     TEXT   NOT NULL,
	text_body   TEXT   NOT NULL,
	html_body   TEXT   NOT NULL DEFAULT '',
	received_at BIGINT NOT NULL
);
CREATE INDEX mail_dev_received ON mail_dev (received_at);
