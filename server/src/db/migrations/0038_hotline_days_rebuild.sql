-- hotline_facts_rebuild() counts every table the 12345 triggers keep, hotline_ticket_days (0029, 热点) included: a bulk
-- load runs with the triggers off and calls it after its COPY, and the day counts were left empty (hot spots read
-- nothing). Counted again into lane 0 (0032: readers sum the lanes).
CREATE OR REPLACE FUNCTION hotline_ticket_days_rebuild() RETURNS void AS $$
BEGIN
  DELETE FROM hotline_ticket_days;
  INSERT INTO hotline_ticket_days (day, category, area, lane, n)
    SELECT (created_at AT TIME ZONE INTERVAL '+08:00')::date, coalesce(fields->>'category', ''), coalesce(fields->>'area', ''), 0::smallint, count(*)
    FROM cases WHERE kind = 'ticket' AND state <> 'merged'
    GROUP BY 1, 2, 3;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
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
  PERFORM hotline_ticket_days_rebuild();
END;
$$ LANGUAGE plpgsql;
