-- Background jobs of every component: one row per due or periodic job.
-- A node claims a row by setting locked_by/locked_until; a crashed node's
-- claim lapses when locked_until passes.
CREATE TABLE jobs (
	id           TEXT   PRIMARY KEY,
	kind         TEXT   NOT NULL,
	payload      TEXT   NOT NULL DEFAULT '',
	unique_key   TEXT   UNIQUE,
	state        TEXT   NOT NULL DEFAULT 'pending',
	run_at       BIGINT NOT NULL,
	interval_us  BIGINT NOT NULL DEFAULT 0,
	attempts     INTEGER NOT NULL DEFAULT 0,
	max_attempts INTEGER NOT NULL DEFAULT 10,
	locked_by    TEXT,
	locked_until BIGINT NOT NULL DEFAULT 0,
	last_error   TEXT,
	created_at   BIGINT NOT NULL,
	updated_at   BIGINT NOT NULL
);
CREATE INDEX jobs_due ON jobs (state, run_at);
