-- Intake at a province's burst rate (issue 15 item 9): every ticket registered on a day by one channel and type
-- bumps the same hotline_ticket_facts row (the office's, state 登记), and every ticket of a day, category and 街乡
-- the same hotline_ticket_days row, each held from the INSERT of the case until COMMIT — concurrent registrations
-- queued on it (bench:hotline's wait sample: Lock:transactionid / Lock:tuple). A small lane in the key spreads
-- them: a session counts into lane pg_backend_pid() % 8, so concurrent transactions (one per connection) seldom
-- meet on one row. Readers already sum over the key they group by; a lane's own count may go below zero (a
-- ticket counted in one lane and moved in another), the sum is the count. hotline_facts_rebuild() writes lane 0.
ALTER TABLE "hotline_ticket_facts" ADD COLUMN "lane" smallint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "hotline_ticket_facts" DROP CONSTRAINT "hotline_ticket_facts_pk";
--> statement-breakpoint
ALTER TABLE "hotline_ticket_facts" ADD CONSTRAINT "hotline_ticket_facts_pk" PRIMARY KEY ("unit_id", "day", "channel", "ticket_type", "state", "is_closed", "is_public", "lane");
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hotline_ticket_facts_count(c cases, delta integer, only_unit uuid) RETURNS void AS $$
BEGIN
  INSERT INTO hotline_ticket_facts AS f (unit_id, day, channel, ticket_type, state, is_closed, is_public, lane, n)
    SELECT u.unit_id, (c.created_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(c.fields->>'channel', ''), coalesce(c.fields->>'ticketType', ''),
           c.state, c.is_closed, c.fields ? 'replyPublic', pg_backend_pid() % 8, delta
    FROM (
      SELECT only_unit AS unit_id WHERE only_unit IS NOT NULL
      UNION ALL SELECT '00000000-0000-0000-0000-000000000000'::uuid WHERE only_unit IS NULL
      UNION ALL SELECT v.unit_id FROM case_unit_visibility v WHERE only_unit IS NULL AND v.case_id = c.id
    ) u
  ON CONFLICT (unit_id, day, channel, ticket_type, state, is_closed, is_public, lane) DO UPDATE SET n = f.n + EXCLUDED.n;
END;
$$ LANGUAGE plpgsql;
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
    SELECT (r.created_at AT TIME ZONE INTERVAL '+08:00')::date, coalesce(r.fields->>'category', ''), coalesce(r.fields->>'area', ''), pg_backend_pid() % 8, count(*)
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
      VALUES ((OLD.created_at AT TIME ZONE INTERVAL '+08:00')::date, coalesce(OLD.fields->>'category', ''), coalesce(OLD.fields->>'area', ''), pg_backend_pid() % 8, -1)
      ON CONFLICT (day, category, area, lane) DO UPDATE SET n = hotline_ticket_days.n - 1;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.kind = 'ticket' AND NEW.state <> 'merged' THEN
    INSERT INTO hotline_ticket_days (day, category, area, lane, n)
      VALUES ((NEW.created_at AT TIME ZONE INTERVAL '+08:00')::date, coalesce(NEW.fields->>'category', ''), coalesce(NEW.fields->>'area', ''), pg_backend_pid() % 8, 1)
      ON CONFLICT (day, category, area, lane) DO UPDATE SET n = hotline_ticket_days.n + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
