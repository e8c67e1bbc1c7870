-- One row per citizen mailbox. data_key is the mailbox's random 32-byte
-- AES-256 key, sealed under the master key (keys.Sealer, the account id as
-- additional data). The settings are the citizen's: e-mail on new messages
-- and the opt-out of electronic Bekanntgabe (OZG § 9 Satz 2).
CREATE TABLE postfach_mailboxes (
	account_id        TEXT    PRIMARY KEY,
	handle            TEXT    NOT NULL UNIQUE,
	data_key          TEXT    NOT NULL,
	notify_email      BOOLEAN NOT NULL DEFAULT TRUE,
	opt_out_electronic BOOLEAN NOT NULL DEFAULT FALSE,
	created_at        BIGINT  NOT NULL,
	updated_at        BIGINT  NOT NULL
);

-- Messages. body is AES-256-GCM under the mailbox key (base64url), the
-- other columns are the clear metadata the inbox lists and searches
-- (doc.go). (sender_client, idempotency_key) makes a sender's retry find
-- the first message; NULL keys never collide.
CREATE TABLE postfach_messages (
	id                 TEXT    PRIMARY KEY,
	account_id         TEXT    NOT NULL,
	handle             TEXT    NOT NULL,
	kind               TEXT    NOT NULL,
	subject            TEXT    NOT NULL,
	body               TEXT    NOT NULL,
	sender_client      TEXT    NOT NULL,
	sender_name        TEXT    NOT NULL,
	service            TEXT    NOT NULL,
	leika_id           TEXT    NOT NULL,
	reference          TEXT    NOT NULL,
	application_id     TEXT    NOT NULL,
	required_level     INTEGER NOT NULL CHECK (required_level BETWEEN 1 AND 4),
	reply_allowed      BOOLEAN NOT NULL,
	reply_to           TEXT    NOT NULL,
	rule               TEXT    NOT NULL,
	opt_out            BOOLEAN NOT NULL,
	state              TEXT    NOT NULL,
	idempotency_key    TEXT,
	provided_at        BIGINT  NOT NULL,
	notified_at        BIGINT,
	notification_addr  TEXT    NOT NULL DEFAULT '',
	first_retrieved_at BIGINT,
	retrieved_level    INTEGER NOT NULL DEFAULT 0,
	deemed_notified_at BIGINT,
	provision_ended_at BIGINT,
	archived_at        BIGINT,
	UNIQUE (sender_client, idempotency_key)
);
CREATE INDEX postfach_messages_inbox ON postfach_messages (account_id, provided_at, id);
-- The unread count reads only this partial index.
CREATE INDEX postfach_messages_unread ON postfach_messages (account_id)
	WHERE first_retrieved_at IS NULL AND archived_at IS NULL;
CREATE INDEX postfach_messages_application ON postfach_messages (sender_client, application_id);
CREATE INDEX postfach_messages_pending ON postfach_messages (state, rule);

-- Attachment metadata; the content is in a Blobs store under the
-- attachment id, encrypted with the mailbox key.
CREATE TABLE postfach_attachments (
	id         TEXT    PRIMARY KEY,
	message_id TEXT    NOT NULL REFERENCES postfach_messages (id) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	filename   TEXT    NOT NULL,
	media_type TEXT    NOT NULL,
	size       BIGINT  NOT NULL,
	sha512     TEXT    NOT NULL
);
CREATE INDEX postfach_attachments_message ON postfach_attachments (message_id, position);

-- ZBP status updates per Vorgang (egov-standards.md §4.2), the citizen's
-- timeline.
CREATE TABLE postfach_status (
	id             TEXT   PRIMARY KEY,
	account_id     TEXT   NOT NULL,
	application_id TEXT   NOT NULL,
	sender_client  TEXT   NOT NULL,
	sender_name    TEXT   NOT NULL,
	service        TEXT   NOT NULL,
	status         TEXT   NOT NULL,
	details        TEXT   NOT NULL,
	created_at     BIGINT NOT NULL
);
CREATE INDEX postfach_status_timeline ON postfach_status (account_id, application_id, created_at);
