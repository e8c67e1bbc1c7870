-- Request counts per key and fixed window, shared by every node.
CREATE TABLE rate_limits (
	key          TEXT    NOT NULL,
	window_start BIGINT  NOT NULL, -- µs since the epoch
	window_end   BIGINT  NOT NULL,
	hits         INTEGER NOT NULL,
	PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limits_end ON rate_limits (window_end);
