-- Which units see a case through a live assignment (any state but 'withdrawn'), one row per (unit, case):
-- what a 联络员's ledger and the ledger's unit filter read, led by the unit so a unit's page is an index scan
-- instead of EXISTS over assignments for every case. A trigger on assignments keeps it in the transaction of
-- every change that creates, withdraws or moves an assignment, whichever code (or import) writes it; kind and
-- created_at are copied from the case (never changed after registration) so the scan is in ledger order, and
-- due_date too, kept by a trigger on cases in the transaction of the action that moves it, for the 按时限 sort.
CREATE TABLE "case_unit_visibility" (
	"unit_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"due_date" text,
	CONSTRAINT "case_unit_visibility_pk" PRIMARY KEY("unit_id","case_id")
);
--> statement-breakpoint
ALTER TABLE "case_unit_visibility" ADD CONSTRAINT "case_unit_visibility_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_unit_visibility" ADD CONSTRAINT "case_unit_visibility_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_unit_visibility_unit_created_idx" ON "case_unit_visibility" USING btree ("unit_id","created_at","case_id");--> statement-breakpoint
CREATE INDEX "case_unit_visibility_unit_kind_created_idx" ON "case_unit_visibility" USING btree ("unit_id","kind","created_at","case_id");--> statement-breakpoint
CREATE INDEX "case_unit_visibility_unit_kind_due_idx" ON "case_unit_visibility" USING btree ("unit_id","kind","due_date","case_id");--> statement-breakpoint
CREATE INDEX "case_unit_visibility_case_idx" ON "case_unit_visibility" USING btree ("case_id");--> statement-breakpoint
-- A handler's own cases, in ledger order, open or closed (cases_handler_idx covers only open ones).
CREATE INDEX "cases_handler_created_idx" ON "cases" USING btree ("handler_id","created_at","id");--> statement-breakpoint
-- The office's ledger of a kind by 时限 (due date first, nulls last, then id): an ordered scan, not a sort of the kind.
CREATE INDEX "cases_kind_due_idx" ON "cases" USING btree ("kind","due_date","id");--> statement-breakpoint
INSERT INTO "case_unit_visibility" ("unit_id", "case_id", "kind", "created_at", "due_date")
  SELECT DISTINCT a."unit_id", c."id", c."kind", c."created_at", c."due_date"
  FROM "assignments" a JOIN "cases" c ON c."id" = a."case_id"
  WHERE a."state" <> 'withdrawn';
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_unit_visibility_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    -- The old pair stays only while a live assignment of that unit to that case remains.
    DELETE FROM case_unit_visibility v
      WHERE v.unit_id = OLD.unit_id AND v.case_id = OLD.case_id
        AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.case_id = OLD.case_id AND a.unit_id = OLD.unit_id AND a.state <> 'withdrawn');
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.state <> 'withdrawn' THEN
    INSERT INTO case_unit_visibility (unit_id, case_id, kind, created_at, due_date)
      SELECT NEW.unit_id, c.id, c.kind, c.created_at, c.due_date FROM cases c WHERE c.id = NEW.case_id
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER assignments_unit_visibility AFTER INSERT OR DELETE OR UPDATE OF state, unit_id, case_id ON assignments
  FOR EACH ROW EXECUTE FUNCTION case_unit_visibility_sync();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_unit_visibility_due() RETURNS trigger AS $$
BEGIN
  UPDATE case_unit_visibility SET due_date = NEW.due_date WHERE case_id = NEW.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER cases_unit_visibility_due AFTER UPDATE OF due_date ON cases
  FOR EACH ROW WHEN (OLD.due_date IS DISTINCT FROM NEW.due_date) EXECUTE FUNCTION case_unit_visibility_due();
