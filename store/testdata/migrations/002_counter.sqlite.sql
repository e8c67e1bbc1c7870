-- SQLite: same change; this variant exists to exercise dialect overrides.
ALTER TABLE things ADD COLUMN counter INTEGER NOT NULL DEFAULT 0;
