-- 12345 at a city's scale (issue 15: ten million tickets under 40 GB). Two indexes held every ticket though no
-- query reads a ticket through them (bench:hotline at 100,000 tickets: 259 and 140 bytes a ticket, 4 GB at ten million):
-- - cases_fields_idx (0005, jsonb containment) serves the 收文 duplicate check (fromOrg and 文号) and the 收文/发文
--   metrics (isRequestFromBelow, normative), each of its own kind; a ticket's fields are read by expression
--   (0026's indexes), never by containment. Partial: every kind but tickets.
-- - case_events_action_at_idx (0007) serves "cases with this event within the range" (metrics: 核发, 印制, 签发,
--   传阅, 批办, 拟办, 退回, 回访, 典型案例 …). The steps every ticket goes through — 登记, 派单, 签收, 答复, 直接答复
--   — are only ever read by their case (case_events_case_seq), and are four events in five. Partial: all but those.
-- A query naming its actions (e.action = 'x' or in (…), bound values) is proved to fall in the partial index by the planner.
DROP INDEX IF EXISTS "cases_fields_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_fields_idx" ON "cases" USING gin ("fields" jsonb_path_ops) WHERE "kind" <> 'ticket';
--> statement-breakpoint
DROP INDEX IF EXISTS "case_events_action_at_idx";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "case_events_action_at_idx" ON "case_events" USING btree ("action", "at") WHERE "action" NOT IN ('create', 'assign', 'sign', 'reply', 'direct_close');
--> statement-breakpoint
-- The trail's SM3 digests and seals as their 32 bytes, not 64 hex characters (about 100 bytes an event, 430 a
-- ticket): the application still reads and writes hex (schema/cases.ts sm3Digest), the chain and seal are unchanged.
ALTER TABLE "case_events" ALTER COLUMN "prev_hash" TYPE bytea USING decode("prev_hash", 'hex'), ALTER COLUMN "hash" TYPE bytea USING decode("hash", 'hex'), ALTER COLUMN "mac" TYPE bytea USING decode("mac", 'hex');
