-- Login sessions and the clients that joined them, for RP-Initiated
-- Logout 1.0 §2 and Back-Channel Logout 1.0 §2.1 (sid). One row per sid
-- and client, written once when a client first gets an authorization in
-- the session. client_id '' is the session's own row, written when it
-- ends, so an ended session is known even if no client joined it.
-- subject is the local account id; ended_at 0 means not ended.
CREATE TABLE idp_sessions (
	sid        TEXT   NOT NULL,
	client_id  TEXT   NOT NULL,
	subject    TEXT   NOT NULL DEFAULT '',
	joined_at  BIGINT NOT NULL,
	ended_at   BIGINT NOT NULL DEFAULT 0,
	expires_at BIGINT NOT NULL,
	PRIMARY KEY (sid, client_id)
);
CREATE INDEX idp_sessions_expiry ON idp_sessions (expires_at);
