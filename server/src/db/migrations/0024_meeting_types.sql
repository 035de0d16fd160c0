-- 办会: the six meeting types the office counts (METRICS.md meetings.held), as meeting_type records editable in 会议设置.
INSERT INTO "records" ("type", "unit_id", "title", "state", "fields")
SELECT 'meeting_type', NULL, t.name, 'active', jsonb_build_object('name', t.name, 'isActive', true, 'sortOrder', t.ord)
FROM (VALUES ('常务会议', 1), ('市长办公会议', 2), ('专题会议', 3), ('党组会议', 4), ('电视电话会议', 5), ('重大会议活动', 6)) AS t(name, ord);
