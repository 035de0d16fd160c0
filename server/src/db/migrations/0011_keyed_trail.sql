-- 留痕 and the audit log sealed with a key the database does not hold (HMAC-SM3, platform/seal.ts).
-- case_events: the case version each event left behind (a cut-off tail shows against cases.version) and the MAC
-- of its SM3 hash. Rows written before this migration keep both null until the first keyed start seals them.
ALTER TABLE case_events ADD COLUMN case_version integer;
--> statement-breakpoint
ALTER TABLE case_events ADD COLUMN mac text;
--> statement-breakpoint
-- audit_log: a gap-free sequence (a deleted row leaves a hole) and a MAC over the row and the previous row's MAC.
ALTER TABLE audit_log ADD COLUMN seq bigint;
--> statement-breakpoint
ALTER TABLE audit_log ADD COLUMN mac text;
--> statement-breakpoint
-- Numbering the rows already there is an update the append-only trigger refuses: the owner steps around it once.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
--> statement-breakpoint
UPDATE audit_log SET seq = numbered.n FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM audit_log) numbered
  WHERE audit_log.id = numbered.id;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;
--> statement-breakpoint
ALTER TABLE audit_log ALTER COLUMN seq SET NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX audit_log_seq_idx ON audit_log (seq);
--> statement-breakpoint
-- The audit chain's tail, one row: writers take it FOR UPDATE (the update itself) so the chain has one order,
-- and verify-trail compares it with the newest row, so deleting the newest rows shows. key_check tells which
-- key sealed this database. Rows up to audit_legacy_seq predate the chain; the keyed chain restarts after them.
CREATE TABLE trail_seal (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  key_check text,
  audit_seq bigint NOT NULL,
  audit_mac text,
  audit_legacy_seq bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO trail_seal (audit_seq, audit_legacy_seq) SELECT count(*), count(*) FROM audit_log;
--> statement-breakpoint
-- Still append-only, with one exception: a row without a MAC may be given one, and nothing else may change.
-- A forged MAC gains nothing (verify-trail recomputes it with the key); it lets the start-up seal old rows.
CREATE OR REPLACE FUNCTION refuse_change_except_seal() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.mac IS NULL AND NEW.mac IS NOT NULL AND (to_jsonb(NEW) - 'mac') = (to_jsonb(OLD) - 'mac') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER audit_log_no_update ON audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change_except_seal();
--> statement-breakpoint
DROP TRIGGER case_events_no_update ON case_events;
--> statement-breakpoint
CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change_except_seal();
