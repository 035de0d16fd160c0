-- Intake at a province's burst rate (issue 15 item 9). Every ticket registered on a day by one channel and type
-- bumped the same hotline_ticket_facts row (the office's, state 登记), and every ticket of a day, category and 街乡
-- the same hotline_ticket_days row, each held from the INSERT of the case until COMMIT: concurrent registrations
-- queued on them (bench:hotline's wait sample: Lock:transactionid / Lock:tuple).
-- 1. The facts: a new ticket is counted at COMMIT (a deferred constraint trigger), so its office row is held for the
--    commit only, not for the rest of the registration. Same count: a case has no case_unit_visibility rows when it
--    is inserted, so the office is all the insert counts (0031 read them: none), and the row counted is the one
--    inserted (a deferred trigger sees the row as of its event); what the same transaction changes after is counted
--    by the update triggers, at once, as before — the sums do not depend on the order.
-- 2. The day counts (a statement trigger: cannot be deferred) gain a small lane in their key: a transaction counts
--    into lane txid_current() % 16 — one lane for all its rows, so a batch of tickets holds one row per bucket — and
--    concurrent transactions seldom meet on one row. Readers already sum over the key they group by; a lane's own
--    count may go below zero (a ticket counted in one lane and moved in another): the sum is the count.
DROP TRIGGER "cases_hotline_facts_insert" ON "cases";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hotline_ticket_facts_registered() RETURNS trigger AS $$
BEGIN
  PERFORM hotline_ticket_facts_count(NEW, 1, '00000000-0000-0000-0000-000000000000'::uuid);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "cases_hotline_facts_insert" AFTER INSERT ON "cases" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW.kind = 'ticket') EXECUTE FUNCTION hotline_ticket_facts_registered();
--> statement-breakpoint
ALTER TABLE "hotline_ticket_days" ADD COLUMN "lane" smallint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "hotline_ticket_days" DROP CONSTRAINT "hotline_ticket_days_pk";
--> statement-breakpoint
ALTER TABLE "hotline_ticket_days" ADD CONSTRAINT "hotline_ticket_days_pk" PRIMARY KEY ("day", "category", "area", "lane");
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hotline_ticket_days_insert() RETURNS trigger AS $$
BEGIN
  INSERT INTO hotline_ticket_days (day, category, area, lane, n)
    SELECT (r.created_at AT TIME ZONE INTERVAL '+08:00')::date, coalesce(r.fields->>'category', ''), coalesce(r.fields->>'area', ''), (txid_current() % 16)::smallint, count(*)
    FROM inserted_cases r WHERE r.kind = 'ticket' AND r.state <> 'merged'
    GROUP BY 1, 2, 3
    ON CONFLICT (day, category, area, lane) DO UPDATE SET n = hotline_ticket_days.n + excluded.n;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A ticket moved out of a bucket is counted down in this session's lane (an upsert of -1, where 0029 updated the one row).
CREATE OR REPLACE FUNCTION hotline_ticket_days_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.kind = 'ticket' AND OLD.state <> 'merged' THEN
    INSERT INTO hotline_ticket_days (day, category, area, lane, n)
      VALUES ((OLD.created_at AT TIME ZONE INTERVAL '+08:00')::date, coalesce(OLD.fields->>'category', ''), coalesce(OLD.fields->>'area', ''), (txid_current() % 16)::smallint, -1)
      ON CONFLICT (day, category, area, lane) DO UPDATE SET n = hotline_ticket_days.n - 1;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.kind = 'ticket' AND NEW.state <> 'merged' THEN
    INSERT INTO hotline_ticket_days (day, category, area, lane, n)
      VALUES ((NEW.created_at AT TIME ZONE INTERVAL '+08:00')::date, coalesce(NEW.fields->>'category', ''), coalesce(NEW.fields->>'area', ''), (txid_current() % 16)::smallint, 1)
      ON CONFLICT (day, category, area, lane) DO UPDATE SET n = hotline_ticket_days.n + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
