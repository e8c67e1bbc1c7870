-- An erneute Bekanntgabe of a Bescheid (OZG § 9 Abs. 1 S. 7): when the
-- sender made it known again; the OZG § 9 day counts from here unless
-- the citizen retrieved it before.
ALTER TABLE postfach_messages ADD COLUMN renewed_at BIGINT;
