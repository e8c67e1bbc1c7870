-- The Behörden a client may send Postfach messages as (postfach/), a JSON
-- list of names like the other lists. Empty: the client sends as its
-- owner only (Client.PostfachSenderNames).
ALTER TABLE clients ADD COLUMN postfach_senders TEXT NOT NULL DEFAULT '[]';
