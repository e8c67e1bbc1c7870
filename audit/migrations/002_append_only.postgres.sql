-- Append-only guard rails. They stop bugs and careless hands, not a
-- database superuser (who can disable them): that is what the hash chain
-- and `mvnk audit verify` are for. Pruning old entries for retention will
-- be an explicit operation of its own, not a DELETE. Production should
-- also grant the application role only INSERT and SELECT on audit_log.
CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
		USING ERRCODE = 'insufficient_privilege';
END
$$;
-- Row triggers do not fire on TRUNCATE, hence the statement trigger.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_refuse();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse();

-- The head only moves forward and is never removed.
CREATE FUNCTION audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'UPDATE' OR NEW.seq < OLD.seq THEN
		RAISE EXCEPTION 'audit_head only moves forward: % refused', TG_OP
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER audit_head_forward BEFORE UPDATE OR DELETE ON audit_head
	FOR EACH ROW EXECUTE FUNCTION audit_head_guard();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
	FOR EACH STATEMENT EXECUTE FUNCTION audit_head_guard();
