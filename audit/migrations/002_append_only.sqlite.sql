-- Append-only guard rails. They stop bugs and careless hands, not an
-- attacker with write access to the file (who can drop them): that is what
-- the hash chain and `mvnk audit verify` are for. Pruning old entries for
-- retention will be an explicit operation of its own, not a DELETE.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
END;
-- The head only moves forward and is never removed.
CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head WHEN NEW.seq < OLD.seq
BEGIN
	SELECT RAISE(ABORT, 'audit_head only moves forward');
END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
	SELECT RAISE(ABORT, 'audit_head is never deleted');
END;
