-- The messages of one Vorgang of a mailbox: the ownership check on every
-- new message (store_create.go ownApplication) reads one row of it.
CREATE INDEX postfach_messages_vorgang ON postfach_messages (account_id, application_id);
