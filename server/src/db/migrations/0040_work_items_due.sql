-- 待办 in its order without reading cases. The page is sorted by the case's due date (soonest first), then the newest:
-- with the date only on cases, a 联络员's page joined every one of the unit's work items to its case and sorted them
-- all (bench --quick, busiest unit: a hash join over an index-only scan of all 20,000 cases, 6.4 ms a page). The date
-- is now copied onto the work item and indexed after its addressee in the page's order, so a page is an ordered walk
-- of one index per addressee (user or unit), stopped at the page's end (0.1 ms there).
--
-- Kept by two triggers, whichever code writes (an action, registration one case or many, a calendar re-time, an
-- import): a work item takes its case's date when inserted, and a case's new date goes to its work items in the
-- statement that moves it (an AFTER trigger: it sees the work items the same statement's CTEs inserted, so a date
-- moved in the statement that adds a work item still reaches it). A work item is inserted only once its case row
-- exists (it needs the case's id), so the insert trigger always finds the case; when it does not (a data-only
-- restore with cases after work items), the row keeps the date it came with.
ALTER TABLE "work_items" ADD COLUMN "due_date" text;
--> statement-breakpoint
UPDATE "work_items" w SET "due_date" = c."due_date" FROM "cases" c WHERE c."id" = w."case_id" AND c."due_date" IS NOT NULL;
--> statement-breakpoint
-- Every work item waits on a user or on a unit, never both (kind.types.ts WaitingOn): the page takes each addressee's
-- walk and the count adds each addressee's count, which would see a row addressed to both twice.
ALTER TABLE "work_items" ADD CONSTRAINT "work_items_one_addressee" CHECK (num_nonnulls("user_id", "unit_id") = 1);
--> statement-breakpoint
-- In the page's order (due_date asc nulls last — a btree's default —, since desc, id); partial, as half the rows have no
-- user and the other half no unit. They replace the single-column indexes on user_id and unit_id, which they lead with.
CREATE INDEX "work_items_user_due_idx" ON "work_items" USING btree ("user_id", "due_date", "since" DESC, "id") WHERE "user_id" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "work_items_unit_due_idx" ON "work_items" USING btree ("unit_id", "due_date", "since" DESC, "id") WHERE "unit_id" IS NOT NULL;
--> statement-breakpoint
DROP INDEX "work_items_user_idx";
--> statement-breakpoint
DROP INDEX "work_items_unit_idx";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION work_items_case_due() RETURNS trigger AS $$
DECLARE
  case_due text;
BEGIN
  SELECT c.due_date INTO case_due FROM cases c WHERE c.id = NEW.case_id;
  IF FOUND THEN
    NEW.due_date := case_due;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER work_items_case_due BEFORE INSERT OR UPDATE OF case_id ON work_items
  FOR EACH ROW EXECUTE FUNCTION work_items_case_due();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cases_work_items_due() RETURNS trigger AS $$
BEGIN
  UPDATE work_items SET due_date = NEW.due_date WHERE case_id = NEW.id AND due_date IS DISTINCT FROM NEW.due_date;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER cases_work_items_due AFTER UPDATE OF due_date ON cases
  FOR EACH ROW WHEN (OLD.due_date IS DISTINCT FROM NEW.due_date) EXECUTE FUNCTION cases_work_items_due();
