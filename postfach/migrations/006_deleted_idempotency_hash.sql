-- A citizen's delete is soft (Store.Delete): the row keeps its delivery
-- facts and idempotency key for the sender, the body is emptied and the
-- attachments and replies are removed; deleted_at hides it from the
-- citizen. EraseMailbox still removes the rows.
ALTER TABLE postfach_messages ADD COLUMN deleted_at BIGINT;
-- The hash of a message's normalized content (Store.Create), kept with
-- its Idempotency-Key: a retry with the same key but other content is
-- refused. Rows from before this migration have none and match any retry.
ALTER TABLE postfach_messages ADD COLUMN idempotency_hash TEXT;
DROP INDEX postfach_messages_unread;
CREATE INDEX postfach_messages_unread ON postfach_messages (account_id)
	WHERE first_retrieved_at IS NULL AND archived_at IS NULL AND deleted_at IS NULL;
