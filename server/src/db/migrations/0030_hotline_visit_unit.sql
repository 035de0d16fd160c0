-- 三率: one unit's month of 满意率 and 解决率 reads the 回访 about that unit's answers (hotline.rates.ts visitSource)
-- by the unit first, not the whole city's 回访 of the month filtered down (partial: 回访 and 不满意重办 events only).
CREATE INDEX IF NOT EXISTS "case_events_visit_unit_at_idx" ON "case_events" ((("data"->'visit'->>'unitId')), "at") WHERE "action" IN ('revisit', 'redo');
