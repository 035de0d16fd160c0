-- 12345 at a city's scale (issue 15 item 9). A year of the hotline metrics read per-day counts kept in the
-- transaction of every change, instead of every ticket, trail event and clock of the year (bench:hotline:
-- seconds at a million tickets, minutes at ten). Three tables, each the count of what one metric reads, by
-- Shanghai day and unit (the nil uuid: the whole office), kept exact by triggers on the rows they count:
-- - hotline_ticket_facts: tickets by registration day, channel, type and current state (受理量, 办结率, 市长信箱);
--   per unit, the units a ticket is given to (case_unit_visibility, as the metrics' assignedTo);
-- - hotline_visit_facts: 回访 and 不满意重办 events by day, the unit answered for, result and 是否解决 (满意率);
-- - hotline_answer_facts: units' handling clocks stopped by their answer, by the day they stopped, in time or not (按时办结率).
-- hotline_facts_rebuild() counts them all again from the rows (run below, and by a bulk load after its COPY).
CREATE TABLE "hotline_ticket_facts" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"ticket_type" text NOT NULL,
	"state" text NOT NULL,
	"is_closed" boolean NOT NULL,
	"is_public" boolean NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "hotline_ticket_facts_pk" PRIMARY KEY ("unit_id", "day", "channel", "ticket_type", "state", "is_closed", "is_public")
);
--> statement-breakpoint
CREATE TABLE "hotline_visit_facts" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"result" text NOT NULL,
	"resolved" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "hotline_visit_facts_pk" PRIMARY KEY ("unit_id", "day", "result", "resolved")
);
--> statement-breakpoint
CREATE TABLE "hotline_answer_facts" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"is_in_time" boolean NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "hotline_answer_facts_pk" PRIMARY KEY ("unit_id", "day", "is_in_time")
);
--> statement-breakpoint
-- A ticket counted (delta +1) or no longer counted (-1) as it stands in `c`: for the office, and for each unit it is
-- given to — or for one unit only (a unit given the ticket, or no longer).
CREATE OR REPLACE FUNCTION hotline_ticket_facts_count(c cases, delta integer, only_unit uuid) RETURNS void AS $$
BEGIN
  INSERT INTO hotline_ticket_facts AS f (unit_id, day, channel, ticket_type, state, is_closed, is_public, n)
    SELECT u.unit_id, (c.created_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(c.fields->>'channel', ''), coalesce(c.fields->>'ticketType', ''),
           c.state, c.is_closed, c.fields ? 'replyPublic', delta
    FROM (
      SELECT only_unit AS unit_id WHERE only_unit IS NOT NULL
      UNION ALL SELECT '00000000-0000-0000-0000-000000000000'::uuid WHERE only_unit IS NULL
      UNION ALL SELECT v.unit_id FROM case_unit_visibility v WHERE only_unit IS NULL AND v.case_id = c.id
    ) u
  ON CONFLICT (unit_id, day, channel, ticket_type, state, is_closed, is_public) DO UPDATE SET n = f.n + EXCLUDED.n;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hotline_ticket_facts_case() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.kind = 'ticket' THEN PERFORM hotline_ticket_facts_count(OLD, -1, NULL); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.kind = 'ticket' THEN PERFORM hotline_ticket_facts_count(NEW, 1, NULL); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER cases_hotline_facts_insert AFTER INSERT ON cases FOR EACH ROW WHEN (NEW.kind = 'ticket') EXECUTE FUNCTION hotline_ticket_facts_case();
--> statement-breakpoint
-- Only a change of what is counted moves a count (the sweep's colour updates and the like do not).
CREATE TRIGGER cases_hotline_facts_update AFTER UPDATE ON cases FOR EACH ROW
  WHEN ((OLD.kind = 'ticket' OR NEW.kind = 'ticket') AND (OLD.state, OLD.is_closed, OLD.created_at, OLD.fields->>'channel', OLD.fields->>'ticketType', OLD.fields ? 'replyPublic')
    IS DISTINCT FROM (NEW.state, NEW.is_closed, NEW.created_at, NEW.fields->>'channel', NEW.fields->>'ticketType', NEW.fields ? 'replyPublic'))
  EXECUTE FUNCTION hotline_ticket_facts_case();
--> statement-breakpoint
CREATE TRIGGER cases_hotline_facts_delete AFTER DELETE ON cases FOR EACH ROW WHEN (OLD.kind = 'ticket') EXECUTE FUNCTION hotline_ticket_facts_case();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hotline_ticket_facts_unit() RETURNS trigger AS $$
DECLARE
  c cases;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT * INTO c FROM cases WHERE id = NEW.case_id;
    IF FOUND THEN PERFORM hotline_ticket_facts_count(c, 1, NEW.unit_id); END IF;
  ELSE
    SELECT * INTO c FROM cases WHERE id = OLD.case_id;
    IF FOUND THEN PERFORM hotline_ticket_facts_count(c, -1, OLD.unit_id); END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER case_unit_visibility_hotline_facts_insert AFTER INSERT ON case_unit_visibility FOR EACH ROW WHEN (NEW.kind = 'ticket') EXECUTE FUNCTION hotline_ticket_facts_unit();
--> statement-breakpoint
CREATE TRIGGER case_unit_visibility_hotline_facts_delete AFTER DELETE ON case_unit_visibility FOR EACH ROW WHEN (OLD.kind = 'ticket') EXECUTE FUNCTION hotline_ticket_facts_unit();
--> statement-breakpoint
-- 回访 and 不满意重办 of a ticket (trail events are never changed): by day, the unit answered for, result, 是否解决.
CREATE OR REPLACE FUNCTION hotline_visit_facts_event() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM cases WHERE id = NEW.case_id AND kind = 'ticket') THEN
    INSERT INTO hotline_visit_facts AS f (unit_id, day, result, resolved, n)
    VALUES (coalesce((NEW.data->'visit'->>'unitId')::uuid, '00000000-0000-0000-0000-000000000000'::uuid), (NEW.at AT TIME ZONE 'Asia/Shanghai')::date,
            coalesce(NEW.data->'visit'->>'result', ''), coalesce(NEW.data->'visit'->>'resolved', ''), 1)
    ON CONFLICT (unit_id, day, result, resolved) DO UPDATE SET n = f.n + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER case_events_hotline_visit_facts AFTER INSERT ON case_events FOR EACH ROW WHEN (NEW.action IN ('revisit', 'redo')) EXECUTE FUNCTION hotline_visit_facts_event();
--> statement-breakpoint
-- A unit's handling clock of a ticket stopped by its answer: counted by the day it stopped, in time or not.
CREATE OR REPLACE FUNCTION hotline_answer_facts_count(k case_clocks, delta integer) RETURNS void AS $$
BEGIN
  IF k.clock_id <> 'assignment.lead' OR k.state <> 'stopped' OR k.stopped_at IS NULL OR k.assignment_id IS NULL OR k.explanation->'stop'->>'action' IS DISTINCT FROM 'reply' THEN RETURN; END IF;
  INSERT INTO hotline_answer_facts AS f (unit_id, day, is_in_time, n)
    SELECT a.unit_id, left(k.stopped_at, 10)::date, coalesce((k.explanation->'stop'->>'isInTime')::boolean, false), delta
    FROM assignments a JOIN cases c ON c.id = a.case_id
    WHERE a.id = k.assignment_id AND c.kind = 'ticket'
  ON CONFLICT (unit_id, day, is_in_time) DO UPDATE SET n = f.n + EXCLUDED.n;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hotline_answer_facts_clock() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM hotline_answer_facts_count(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM hotline_answer_facts_count(NEW, 1); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER case_clocks_hotline_answer_facts AFTER INSERT OR UPDATE OR DELETE ON case_clocks FOR EACH ROW EXECUTE FUNCTION hotline_answer_facts_clock();
--> statement-breakpoint
-- Everything counted again from the rows: what the triggers would have kept.
CREATE OR REPLACE FUNCTION hotline_facts_rebuild() RETURNS void AS $$
BEGIN
  DELETE FROM hotline_ticket_facts;
  DELETE FROM hotline_visit_facts;
  DELETE FROM hotline_answer_facts;
  INSERT INTO hotline_ticket_facts (unit_id, day, channel, ticket_type, state, is_closed, is_public, n)
    SELECT u.unit_id, (c.created_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(c.fields->>'channel', ''), coalesce(c.fields->>'ticketType', ''), c.state, c.is_closed, c.fields ? 'replyPublic', count(*)
    FROM cases c
    CROSS JOIN LATERAL (
      SELECT '00000000-0000-0000-0000-000000000000'::uuid AS unit_id
      UNION ALL SELECT v.unit_id FROM case_unit_visibility v WHERE v.case_id = c.id
    ) u
    WHERE c.kind = 'ticket'
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
  INSERT INTO hotline_visit_facts (unit_id, day, result, resolved, n)
    SELECT coalesce((e.data->'visit'->>'unitId')::uuid, '00000000-0000-0000-0000-000000000000'::uuid), (e.at AT TIME ZONE 'Asia/Shanghai')::date,
           coalesce(e.data->'visit'->>'result', ''), coalesce(e.data->'visit'->>'resolved', ''), count(*)
    FROM case_events e JOIN cases c ON c.id = e.case_id
    WHERE e.action IN ('revisit', 'redo') AND c.kind = 'ticket'
    GROUP BY 1, 2, 3, 4;
  INSERT INTO hotline_answer_facts (unit_id, day, is_in_time, n)
    SELECT a.unit_id, left(k.stopped_at, 10)::date, coalesce((k.explanation->'stop'->>'isInTime')::boolean, false), count(*)
    FROM case_clocks k JOIN assignments a ON a.id = k.assignment_id JOIN cases c ON c.id = a.case_id
    WHERE c.kind = 'ticket' AND k.clock_id = 'assignment.lead' AND k.state = 'stopped' AND k.stopped_at IS NOT NULL AND k.explanation->'stop'->>'action' = 'reply'
    GROUP BY 1, 2, 3;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
SELECT hotline_facts_rebuild();
--> statement-breakpoint
-- The ticket ledger filters on fields->>'channel' / 'ticketType' / 'area' / 'category' (0026's partial expression
-- indexes); the planner keeps no statistics for a partial index's expressions, so it guessed 0.5 % for each and
-- walked the wrong index (a 街乡 + 投诉 page read every 投诉). Statistics on the expressions themselves fix the guess.
CREATE STATISTICS IF NOT EXISTS "cases_ticket_fields_stats" ON (fields->>'channel'), (fields->>'ticketType'), (fields->>'area'), (fields->>'category') FROM cases;
--> statement-breakpoint
ANALYZE cases;
