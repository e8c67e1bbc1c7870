-- The citizen's replies to a message that allows them. body is AES-256-GCM
-- under the mailbox key (base64url, the reply id as additional data), like
-- a message body. account_id is the mailbox the reply came from; the
-- sender that may read it is the message's sender_client.
CREATE TABLE postfach_replies (
	id         TEXT   PRIMARY KEY,
	message_id TEXT   NOT NULL REFERENCES postfach_messages (id) ON DELETE CASCADE,
	account_id TEXT   NOT NULL,
	body       TEXT   NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX postfach_replies_message ON postfach_replies (message_id, created_at, id);

-- Reply attachment metadata, kept apart from postfach_attachments so a
-- message's attachment list never mixes in the citizen's files. The
-- content is in the Blobs store under the attachment id, encrypted with
-- the mailbox key, as for message attachments.
CREATE TABLE postfach_reply_attachments (
	id         TEXT    PRIMARY KEY,
	reply_id   TEXT    NOT NULL REFERENCES postfach_replies (id) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	filename   TEXT    NOT NULL,
	media_type TEXT    NOT NULL,
	size       BIGINT  NOT NULL,
	sha512     TEXT    NOT NULL
);
CREATE INDEX postfach_reply_attachments_reply ON postfach_reply_attachments (reply_id, position);
