-- Staff-only clients: a client for case workers admits staff accounts
-- only, every other client citizens only (account.MayUseClient). The
-- consent page shows the client's description and privacy policy link.
ALTER TABLE clients ADD COLUMN staff BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE clients ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN policy_uri TEXT NOT NULL DEFAULT '';

-- Consent (OIDC Core §3.1.2.4): the scopes an account let a client have,
-- one row per account and client. No foreign key to accounts: the idp
-- migrations run before the account component's; ForgetAccount deletes
-- an account's rows.
CREATE TABLE idp_consents (
	account_id TEXT   NOT NULL,
	client_id  TEXT   NOT NULL,
	scopes     TEXT   NOT NULL,
	granted_at BIGINT NOT NULL,
	PRIMARY KEY (account_id, client_id)
);
