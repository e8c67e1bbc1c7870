-- Feedback on accessibility barriers from the Erklärung zur
-- Barrierefreiheit (BITV 2.0 § 7: "Feedback-Mechanismus").
-- Limits mirror the form's validation; the CHECKs hold even if a later
-- caller forgets it. length() counts characters on both backends.
CREATE TABLE portal_feedback (
	id         TEXT   PRIMARY KEY,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL, -- last status change; PurgeFeedback counts from it
	page_url   TEXT   NOT NULL DEFAULT '' CHECK (length(page_url) <= 2000),
	message    TEXT   NOT NULL CHECK (length(message) BETWEEN 1 AND 5000),
	name       TEXT   NOT NULL DEFAULT '' CHECK (length(name) <= 200),
	email      TEXT   NOT NULL DEFAULT '' CHECK (length(email) <= 254),
	status     TEXT   NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'done'))
);
CREATE INDEX portal_feedback_created ON portal_feedback (created_at);
CREATE INDEX portal_feedback_status ON portal_feedback (status, updated_at);
