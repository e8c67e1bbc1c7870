-- Attachment contents of the database Blobs store (encrypted by the caller).
CREATE TABLE postfach_blobs (
	id   TEXT  PRIMARY KEY,
	data BLOB  NOT NULL
);
