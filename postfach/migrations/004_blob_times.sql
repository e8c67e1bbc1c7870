-- When a blob was written, so the orphan sweep (SweepOrphanBlobs) can
-- leave blobs of a Create still in progress alone. Blobs written before
-- this migration count as old (0).
ALTER TABLE postfach_blobs ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX postfach_blobs_created ON postfach_blobs (created_at);
