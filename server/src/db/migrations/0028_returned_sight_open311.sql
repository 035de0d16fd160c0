-- A returned assignment may stop granting its unit sight of the case: a kind declares returnedSight
-- 'endsOnRedispatch' (12345 工单), and the engine stamps sight_ended_at when the case is given to another unit.
-- case_unit_visibility now counts an assignment as live while it is not withdrawn and its sight has not ended;
-- the trigger also follows sight_ended_at, so the rows still change in the transaction that changes the assignment.
ALTER TABLE "assignments" ADD COLUMN "sight_ended_at" timestamp with time zone;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_unit_visibility_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    -- The old pair stays only while a live assignment of that unit to that case remains.
    DELETE FROM case_unit_visibility v
      WHERE v.unit_id = OLD.unit_id AND v.case_id = OLD.case_id
        AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.case_id = OLD.case_id AND a.unit_id = OLD.unit_id
                        AND a.state <> 'withdrawn' AND a.sight_ended_at IS NULL);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.state <> 'withdrawn' AND NEW.sight_ended_at IS NULL THEN
    INSERT INTO case_unit_visibility (unit_id, case_id, kind, created_at, due_date)
      SELECT NEW.unit_id, c.id, c.kind, c.created_at, c.due_date FROM cases c WHERE c.id = NEW.case_id
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER "assignments_unit_visibility" ON "assignments";
--> statement-breakpoint
CREATE TRIGGER assignments_unit_visibility AFTER INSERT OR DELETE OR UPDATE OF state, unit_id, case_id, sight_ended_at ON assignments
  FOR EACH ROW EXECUTE FUNCTION case_unit_visibility_sync();
--> statement-breakpoint
-- 12345 工单 declare returnedSight 'endsOnRedispatch': the units whose 退单 the center has already ruled on by
-- giving the ticket to another unit (a later assignment of another unit, not withdrawn) no longer see it.
UPDATE "assignments" a SET "sight_ended_at" = (
    SELECT min(b."assigned_at") FROM "assignments" b
    WHERE b."case_id" = a."case_id" AND b."unit_id" <> a."unit_id" AND b."state" <> 'withdrawn' AND b."assigned_at" > a."assigned_at")
  WHERE a."state" = 'returned' AND a."sight_ended_at" IS NULL
    AND EXISTS (SELECT 1 FROM "cases" c WHERE c."id" = a."case_id" AND c."kind" = 'ticket')
    AND EXISTS (SELECT 1 FROM "assignments" b WHERE b."case_id" = a."case_id" AND b."unit_id" <> a."unit_id" AND b."state" <> 'withdrawn' AND b."assigned_at" > a."assigned_at");
--> statement-breakpoint
-- Open311 GET requests.json: a key's requests newest first within a window, read along (key_id, created_at).
CREATE INDEX "open311_requests_key_created_idx" ON "open311_requests" USING btree ("key_id", "created_at");
