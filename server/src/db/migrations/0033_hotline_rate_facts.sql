-- 12345 at a city's scale (issue 15 item 9: a unit's month of 三率 under 200 ms at ten million tickets). The 三率
-- board (hotline.rates.ts) counted every 签收 clock, handling clock and 回访 of three months (the month, 环比, 同比)
-- row by row (8 s at a million tickets). Here the same counts, kept per Shanghai day, unit and 街乡 (the ticket's
-- area now, 未填写 when none) by triggers in the transaction of every change, as 0031 does for the metrics. Each
-- thing counted is counted twice, once under its unit (dim 'unit', key the unit's id) and once under its 街乡 (dim
-- 'area', key the 街乡): the board ranks one or the other, never both at once, and a unit × 街乡 × day grain would be
-- nearly one row a ticket at a city's scale (hundreds of units, dozens of 街乡); the city is the sum of the units.
-- - hotline_sign_facts: 签收 clocks (one per 派单) by the day they started: 按时/超时 answered (签收 or 退单), still
--   open (with their due instant: "past due" is asked of the reader's now), or stopped otherwise; and 退单 or not;
-- - hotline_close_facts: handling clocks stopped by the unit's answer, by the day they stopped, in time or not; and
--   those still open (running or overdue, the assignment pending or in progress) by their due day — the reader
--   counts a due day before today (Shanghai) as late whatever comes next;
-- - hotline_revisit_facts: 回访 and 不满意重办 events about a unit's answer by day: reached, 满意 or 基本满意, 已解决.
-- Each flag is the live source's (hotline.rates.ts signSource, closeSource, visitSource), so the counts are the
-- same; the drill-down keeps reading the live rows. What moves a count: a clock's change (case_clocks), an
-- assignment's state or unit (assignments), a ticket's 街乡 (cases), a 回访 (case_events).
-- hotline_facts_rebuild() now counts these too (a bulk load calls it after its COPY).
CREATE TABLE "hotline_sign_facts" (
	"dim" text NOT NULL,
	"day" date NOT NULL,
	"key" text NOT NULL,
	"status" text NOT NULL,
	"is_returned" boolean NOT NULL,
	"due" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "hotline_sign_facts_pk" PRIMARY KEY ("dim", "day", "key", "status", "is_returned", "due")
) WITH (fillfactor = 50);
--> statement-breakpoint
CREATE TABLE "hotline_close_facts" (
	"dim" text NOT NULL,
	"day" date NOT NULL,
	"key" text NOT NULL,
	"status" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "hotline_close_facts_pk" PRIMARY KEY ("dim", "day", "key", "status")
) WITH (fillfactor = 50);
--> statement-breakpoint
CREATE TABLE "hotline_revisit_facts" (
	"dim" text NOT NULL,
	"day" date NOT NULL,
	"key" text NOT NULL,
	"reached" boolean NOT NULL,
	"satisfied" boolean NOT NULL,
	"resolved" boolean NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "hotline_revisit_facts_pk" PRIMARY KEY ("dim", "day", "key", "reached", "satisfied", "resolved")
) WITH (fillfactor = 50);
--> statement-breakpoint
-- One unit's (or 街乡's) figures over a year (the catalogue's 响应率 and 解决率 per unit) by the key first.
CREATE INDEX "hotline_sign_facts_key_idx" ON "hotline_sign_facts" ("dim", "key", "day");
--> statement-breakpoint
CREATE INDEX "hotline_close_facts_key_idx" ON "hotline_close_facts" ("dim", "key", "day");
--> statement-breakpoint
CREATE INDEX "hotline_revisit_facts_key_idx" ON "hotline_revisit_facts" ("dim", "key", "day");
--> statement-breakpoint
-- What a 签收 clock is to the 响应率 (signSource's flags): answered (签收 or 退单) in time or late, open, or neither.
CREATE OR REPLACE FUNCTION hotline_sign_status(state text, explanation jsonb) RETURNS text AS $$
  SELECT CASE
    WHEN state = 'stopped' AND explanation->'stop'->>'action' IN ('sign', 'unit_return')
      THEN CASE WHEN coalesce((explanation->'stop'->>'isInTime')::boolean, false) THEN 'in_time' ELSE 'late' END
    WHEN state <> 'stopped' THEN 'open'
    ELSE 'other' END
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
-- What a handling clock is to the 按时办结率 (closeSource's two parts): answered in time or late, open (its
-- assignment still with the unit), or nothing (null).
CREATE OR REPLACE FUNCTION hotline_close_status(state text, explanation jsonb, stopped_at text, due_at text, assignment_state text) RETURNS text AS $$
  SELECT CASE
    WHEN state = 'stopped' AND explanation->'stop'->>'action' = 'reply' AND stopped_at IS NOT NULL
      THEN CASE WHEN coalesce((explanation->'stop'->>'isInTime')::boolean, false) THEN 'in_time' ELSE 'late' END
    WHEN state IN ('running', 'overdue') AND assignment_state IN ('pending', 'in_progress') AND due_at IS NOT NULL THEN 'open'
    END
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
-- A clock of a ticket's assignment counted (delta +1) or no longer (-1), as it stands in `k`, for the assignment's
-- unit and state and the ticket's 街乡 given.
CREATE OR REPLACE FUNCTION hotline_rate_clock_count(k case_clocks, p_unit uuid, p_assignment_state text, p_area text, delta integer) RETURNS void AS $$
DECLARE
  v_status text;
BEGIN
  IF k.clock_id = 'assignment.sign' AND k.started_at IS NOT NULL THEN
    v_status := hotline_sign_status(k.state, k.explanation);
    INSERT INTO hotline_sign_facts AS f (dim, day, key, status, is_returned, due, n)
      SELECT d.dim, left(k.started_at, 10)::date, d.key, v_status, coalesce(k.explanation->'stop'->>'action' = 'unit_return', false),
             CASE WHEN v_status = 'open' THEN coalesce(k.due_at, '') ELSE '' END, delta
      FROM (VALUES ('unit', p_unit::text), ('area', p_area)) d(dim, key)
    ON CONFLICT (dim, day, key, status, is_returned, due) DO UPDATE SET n = f.n + EXCLUDED.n;
    -- An open clock's row is its own (keyed by its due instant): gone once the clock is answered, or the table
    -- would keep a row of 0 for every 派单 ever made.
    IF v_status = 'open' AND delta < 0 THEN
      DELETE FROM hotline_sign_facts f
        WHERE f.dim IN ('unit', 'area') AND f.day = left(k.started_at, 10)::date AND f.key IN (p_unit::text, p_area) AND f.status = 'open'
          AND f.due = coalesce(k.due_at, '') AND f.n = 0;
    END IF;
  ELSIF k.clock_id = 'assignment.lead' THEN
    v_status := hotline_close_status(k.state, k.explanation, k.stopped_at, k.due_at, p_assignment_state);
    IF v_status IS NULL THEN RETURN; END IF;
    INSERT INTO hotline_close_facts AS f (dim, day, key, status, n)
      SELECT d.dim, left(CASE WHEN v_status = 'open' THEN k.due_at ELSE k.stopped_at END, 10)::date, d.key, v_status, delta
      FROM (VALUES ('unit', p_unit::text), ('area', p_area)) d(dim, key)
    ON CONFLICT (dim, day, key, status) DO UPDATE SET n = f.n + EXCLUDED.n;
  END IF;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A clock with its assignment and ticket as they are now.
CREATE OR REPLACE FUNCTION hotline_rate_clock_facts(k case_clocks, delta integer) RETURNS void AS $$
DECLARE
  v_unit uuid;
  v_state text;
  v_area text;
BEGIN
  IF k.assignment_id IS NULL OR k.clock_id NOT IN ('assignment.sign', 'assignment.lead') THEN RETURN; END IF;
  SELECT a.unit_id, a.state, coalesce(c.fields->>'area', '未填写') INTO v_unit, v_state, v_area
    FROM assignments a JOIN cases c ON c.id = k.case_id
    WHERE a.id = k.assignment_id AND c.kind = 'ticket';
  IF FOUND THEN PERFORM hotline_rate_clock_count(k, v_unit, v_state, v_area, delta); END IF;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hotline_rate_facts_clock() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM hotline_rate_clock_facts(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM hotline_rate_clock_facts(NEW, 1); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER case_clocks_hotline_rate_facts_insert AFTER INSERT ON case_clocks FOR EACH ROW
  WHEN (NEW.assignment_id IS NOT NULL AND NEW.clock_id IN ('assignment.sign', 'assignment.lead')) EXECUTE FUNCTION hotline_rate_facts_clock();
--> statement-breakpoint
-- Only a change of what is counted (the sweep's running → overdue of a 签收 clock moves nothing, but is cheap).
CREATE TRIGGER case_clocks_hotline_rate_facts_update AFTER UPDATE ON case_clocks FOR EACH ROW
  WHEN ((OLD.assignment_id IS NOT NULL OR NEW.assignment_id IS NOT NULL)
    AND (OLD.clock_id IN ('assignment.sign', 'assignment.lead') OR NEW.clock_id IN ('assignment.sign', 'assignment.lead'))
    AND (OLD.clock_id, OLD.case_id, OLD.assignment_id, OLD.state, OLD.started_at, OLD.due_at, OLD.stopped_at, OLD.explanation->'stop')
      IS DISTINCT FROM (NEW.clock_id, NEW.case_id, NEW.assignment_id, NEW.state, NEW.started_at, NEW.due_at, NEW.stopped_at, NEW.explanation->'stop'))
  EXECUTE FUNCTION hotline_rate_facts_clock();
--> statement-breakpoint
CREATE TRIGGER case_clocks_hotline_rate_facts_delete AFTER DELETE ON case_clocks FOR EACH ROW
  WHEN (OLD.assignment_id IS NOT NULL AND OLD.clock_id IN ('assignment.sign', 'assignment.lead')) EXECUTE FUNCTION hotline_rate_facts_clock();
--> statement-breakpoint
-- An assignment's state (an open handling clock counts only while the assignment is pending or in progress) or
-- unit changes: its clocks are counted again. A 签收 clock does not read the state.
CREATE OR REPLACE FUNCTION hotline_rate_facts_assignment() RETURNS trigger AS $$
DECLARE
  k case_clocks;
  v_area text;
BEGIN
  FOR k IN SELECT * FROM case_clocks WHERE assignment_id = NEW.id AND clock_id IN ('assignment.sign', 'assignment.lead') LOOP
    CONTINUE WHEN k.clock_id = 'assignment.sign' AND OLD.unit_id = NEW.unit_id;
    SELECT coalesce(c.fields->>'area', '未填写') INTO v_area FROM cases c WHERE c.id = k.case_id AND c.kind = 'ticket';
    CONTINUE WHEN NOT FOUND;
    PERFORM hotline_rate_clock_count(k, OLD.unit_id, OLD.state, v_area, -1);
    PERFORM hotline_rate_clock_count(k, NEW.unit_id, NEW.state, v_area, 1);
  END LOOP;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER assignments_hotline_rate_facts AFTER UPDATE ON assignments FOR EACH ROW
  WHEN ((OLD.state, OLD.unit_id) IS DISTINCT FROM (NEW.state, NEW.unit_id)) EXECUTE FUNCTION hotline_rate_facts_assignment();
--> statement-breakpoint
-- A 回访 (or 不满意重办) about a unit's answer: the live source's flags (未联系上 reaches nobody).
CREATE OR REPLACE FUNCTION hotline_revisit_facts_event() RETURNS trigger AS $$
DECLARE
  v_reached boolean := coalesce(NEW.data->'visit'->>'result' <> '未联系上', false);
BEGIN
  INSERT INTO hotline_revisit_facts AS f (dim, day, key, reached, satisfied, resolved, n)
    SELECT d.dim, (NEW.at AT TIME ZONE INTERVAL '+08:00')::date, d.key, v_reached,
           v_reached AND coalesce(NEW.data->'visit'->>'result' IN ('满意', '基本满意'), false), v_reached AND coalesce(NEW.data->'visit'->>'resolved' = '已解决', false), 1
    FROM cases c CROSS JOIN LATERAL (VALUES ('unit', NEW.data->'visit'->>'unitId'), ('area', coalesce(c.fields->>'area', '未填写'))) d(dim, key)
    WHERE c.id = NEW.case_id AND c.kind = 'ticket'
  ON CONFLICT (dim, day, key, reached, satisfied, resolved) DO UPDATE SET n = f.n + EXCLUDED.n;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER case_events_hotline_revisit_facts AFTER INSERT ON case_events FOR EACH ROW
  WHEN (NEW.action IN ('revisit', 'redo') AND NEW.data->'visit'->>'unitId' IS NOT NULL) EXECUTE FUNCTION hotline_revisit_facts_event();
--> statement-breakpoint
-- A ticket's 街乡 changes: its clocks and 回访 move from the old 街乡 to the new one.
CREATE OR REPLACE FUNCTION hotline_rate_facts_area() RETURNS trigger AS $$
DECLARE
  k case_clocks;
  v_unit uuid;
  v_state text;
  v_old text := coalesce(OLD.fields->>'area', '未填写');
  v_new text := coalesce(NEW.fields->>'area', '未填写');
  v_move record;
BEGIN
  IF v_old = v_new THEN RETURN NULL; END IF;
  FOR k IN SELECT * FROM case_clocks WHERE case_id = NEW.id AND assignment_id IS NOT NULL AND clock_id IN ('assignment.sign', 'assignment.lead') LOOP
    SELECT a.unit_id, a.state INTO v_unit, v_state FROM assignments a WHERE a.id = k.assignment_id;
    CONTINUE WHEN NOT FOUND;
    PERFORM hotline_rate_clock_count(k, v_unit, v_state, v_old, -1);
    PERFORM hotline_rate_clock_count(k, v_unit, v_state, v_new, 1);
  END LOOP;
  FOR v_move IN
    SELECT (e.at AT TIME ZONE INTERVAL '+08:00')::date AS day, r.reached,
           r.reached AND coalesce(e.data->'visit'->>'result' IN ('满意', '基本满意'), false) AS satisfied,
           r.reached AND coalesce(e.data->'visit'->>'resolved' = '已解决', false) AS resolved, count(*)::int AS n
    FROM case_events e CROSS JOIN LATERAL (SELECT coalesce(e.data->'visit'->>'result' <> '未联系上', false) AS reached) r
    WHERE e.case_id = NEW.id AND e.action IN ('revisit', 'redo') AND e.data->'visit'->>'unitId' IS NOT NULL
    GROUP BY 1, 2, 3, 4
  LOOP
    UPDATE hotline_revisit_facts SET n = n - v_move.n
      WHERE dim = 'area' AND day = v_move.day AND key = v_old AND reached = v_move.reached AND satisfied = v_move.satisfied AND resolved = v_move.resolved;
    INSERT INTO hotline_revisit_facts AS f (dim, day, key, reached, satisfied, resolved, n)
      VALUES ('area', v_move.day, v_new, v_move.reached, v_move.satisfied, v_move.resolved, v_move.n)
    ON CONFLICT (dim, day, key, reached, satisfied, resolved) DO UPDATE SET n = f.n + EXCLUDED.n;
  END LOOP;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER cases_hotline_rate_facts_area AFTER UPDATE ON cases FOR EACH ROW
  WHEN (OLD.kind = 'ticket' AND NEW.kind = 'ticket' AND OLD.fields->>'area' IS DISTINCT FROM NEW.fields->>'area')
  EXECUTE FUNCTION hotline_rate_facts_area();
--> statement-breakpoint
-- The 三率's counts again from the rows: what the triggers would have kept.
CREATE OR REPLACE FUNCTION hotline_rate_facts_rebuild() RETURNS void AS $$
BEGIN
  DELETE FROM hotline_sign_facts;
  DELETE FROM hotline_close_facts;
  DELETE FROM hotline_revisit_facts;
  INSERT INTO hotline_sign_facts (dim, day, key, status, is_returned, due, n)
    SELECT d.dim, left(k.started_at, 10)::date, d.key, s.status, coalesce(k.explanation->'stop'->>'action' = 'unit_return', false),
           CASE WHEN s.status = 'open' THEN coalesce(k.due_at, '') ELSE '' END, count(*)
    FROM case_clocks k JOIN assignments a ON a.id = k.assignment_id JOIN cases c ON c.id = k.case_id
    CROSS JOIN LATERAL (SELECT hotline_sign_status(k.state, k.explanation) AS status) s
    CROSS JOIN LATERAL (VALUES ('unit', a.unit_id::text), ('area', coalesce(c.fields->>'area', '未填写'))) d(dim, key)
    WHERE k.clock_id = 'assignment.sign' AND c.kind = 'ticket' AND k.started_at IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO hotline_close_facts (dim, day, key, status, n)
    SELECT d.dim, left(CASE WHEN s.status = 'open' THEN k.due_at ELSE k.stopped_at END, 10)::date, d.key, s.status, count(*)
    FROM case_clocks k JOIN assignments a ON a.id = k.assignment_id JOIN cases c ON c.id = k.case_id
    CROSS JOIN LATERAL (SELECT hotline_close_status(k.state, k.explanation, k.stopped_at, k.due_at, a.state) AS status) s
    CROSS JOIN LATERAL (VALUES ('unit', a.unit_id::text), ('area', coalesce(c.fields->>'area', '未填写'))) d(dim, key)
    WHERE k.clock_id = 'assignment.lead' AND c.kind = 'ticket' AND s.status IS NOT NULL
    GROUP BY 1, 2, 3, 4;
  INSERT INTO hotline_revisit_facts (dim, day, key, reached, satisfied, resolved, n)
    SELECT d.dim, (e.at AT TIME ZONE INTERVAL '+08:00')::date, d.key, r.reached,
           r.reached AND coalesce(e.data->'visit'->>'result' IN ('满意', '基本满意'), false), r.reached AND coalesce(e.data->'visit'->>'resolved' = '已解决', false), count(*)
    FROM case_events e JOIN cases c ON c.id = e.case_id
    CROSS JOIN LATERAL (SELECT coalesce(e.data->'visit'->>'result' <> '未联系上', false) AS reached) r
    CROSS JOIN LATERAL (VALUES ('unit', e.data->'visit'->>'unitId'), ('area', coalesce(c.fields->>'area', '未填写'))) d(dim, key)
    WHERE e.action IN ('revisit', 'redo') AND c.kind = 'ticket' AND e.data->'visit'->>'unitId' IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- 0031's rebuild, and the 三率's after it.
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
  PERFORM hotline_rate_facts_rebuild();
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
SELECT hotline_rate_facts_rebuild();
--> statement-breakpoint
ANALYZE hotline_sign_facts;
--> statement-breakpoint
ANALYZE hotline_close_facts;
--> statement-breakpoint
ANALYZE hotline_revisit_facts;
