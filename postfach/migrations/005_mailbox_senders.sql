-- The sender names a mailbox has received from, for the inbox's filter:
-- kept with each new message, so the filter never reads every message of
-- a large mailbox. A name stays when its messages are deleted (the filter
-- then finds none).
CREATE TABLE postfach_mailbox_senders (
	account_id  TEXT NOT NULL,
	sender_name TEXT NOT NULL,
	PRIMARY KEY (account_id, sender_name)
);
INSERT INTO postfach_mailbox_senders (account_id, sender_name)
	SELECT DISTINCT account_id, sender_name FROM postfach_messages;
