CREATE TABLE things (
	id         TEXT   PRIMARY KEY,
	name       TEXT   NOT NULL UNIQUE,
	created_at BIGINT NOT NULL
);
CREATE INDEX things_created ON things (created_at);
