-- 12345 热点: tickets per Shanghai day, category and 街乡 (area '' when none is named), so a week against the
-- weeks before is a few hundred rows to read instead of every ticket of five weeks (a big city: 300,000).
-- Kept by triggers on cases in the transaction of every change that moves a ticket between buckets: its
-- registration, a 归并 (a merged ticket is counted once, with the ticket it went into), a change of category
-- or 街乡. Filled from the tickets already registered. Each ticket updates its row in place: half-full pages leave
-- room for those updates to stay on the page (no new index entry), so the table stays small between vacuums.
CREATE TABLE "hotline_ticket_days" (
	"day" date NOT NULL,
	"category" text NOT NULL,
	"area" text DEFAULT '' NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "hotline_ticket_days_pk" PRIMARY KEY("day","category","area")
) WITH (fillfactor = 50);
--> statement-breakpoint
INSERT INTO "hotline_ticket_days" ("day", "category", "area", "n")
  SELECT ("created_at" AT TIME ZONE INTERVAL '+08:00')::date, coalesce("fields"->>'category', ''), coalesce("fields"->>'area', ''), count(*)
  FROM "cases" WHERE "kind" = 'ticket' AND "state" <> 'merged'
  GROUP BY 1, 2, 3;
--> statement-breakpoint
-- Registration: once per INSERT statement over the rows it inserted, so that a bulk load (COPY of millions of
-- tickets) adds one grouped statement, not a function call per row.
CREATE OR REPLACE FUNCTION hotline_ticket_days_insert() RETURNS trigger AS $$
BEGIN
  INSERT INTO hotline_ticket_days (day, category, area, n)
    SELECT (r.created_at AT TIME ZONE INTERVAL '+08:00')::date, coalesce(r.fields->>'category', ''), coalesce(r.fields->>'area', ''), count(*)
    FROM inserted_cases r WHERE r.kind = 'ticket' AND r.state <> 'merged'
    GROUP BY 1, 2, 3
    ON CONFLICT (day, category, area) DO UPDATE SET n = hotline_ticket_days.n + excluded.n;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER cases_hotline_days_insert AFTER INSERT ON cases
  REFERENCING NEW TABLE AS inserted_cases FOR EACH STATEMENT EXECUTE FUNCTION hotline_ticket_days_insert();
--> statement-breakpoint
-- A change of a ticket that moves it between buckets (rare: a 归并, a corrected category or 街乡), row by row.
CREATE OR REPLACE FUNCTION hotline_ticket_days_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.kind = 'ticket' AND OLD.state <> 'merged' THEN
    UPDATE hotline_ticket_days SET n = n - 1
      WHERE day = (OLD.created_at AT TIME ZONE INTERVAL '+08:00')::date
        AND category = coalesce(OLD.fields->>'category', '') AND area = coalesce(OLD.fields->>'area', '');
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.kind = 'ticket' AND NEW.state <> 'merged' THEN
    INSERT INTO hotline_ticket_days (day, category, area, n)
      VALUES ((NEW.created_at AT TIME ZONE INTERVAL '+08:00')::date, coalesce(NEW.fields->>'category', ''), coalesce(NEW.fields->>'area', ''), 1)
      ON CONFLICT (day, category, area) DO UPDATE SET n = hotline_ticket_days.n + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Most actions rewrite a ticket's fields (a 回访, a 退单 count): only a change of what is counted calls the function.
CREATE TRIGGER cases_hotline_days_update AFTER UPDATE OF kind, state, fields, created_at ON cases
  FOR EACH ROW WHEN ((OLD.kind = 'ticket' OR NEW.kind = 'ticket') AND (
    OLD.kind IS DISTINCT FROM NEW.kind OR (OLD.state = 'merged') IS DISTINCT FROM (NEW.state = 'merged')
    OR OLD.created_at IS DISTINCT FROM NEW.created_at
    OR OLD.fields->>'category' IS DISTINCT FROM NEW.fields->>'category' OR OLD.fields->>'area' IS DISTINCT FROM NEW.fields->>'area'))
  EXECUTE FUNCTION hotline_ticket_days_sync();
--> statement-breakpoint
CREATE TRIGGER cases_hotline_days_delete AFTER DELETE ON cases
  FOR EACH ROW WHEN (OLD.kind = 'ticket') EXECUTE FUNCTION hotline_ticket_days_sync();
