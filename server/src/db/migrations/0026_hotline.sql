-- 12345 热线: the two-level 诉求分类 tree the center edits (hotline_category records, like 0024's meeting
-- types), and indexes for what the ticket ledger filters and the 三率 group on (tickets only: partial).
INSERT INTO "records" ("type", "unit_id", "title", "state", "fields")
SELECT 'hotline_category', NULL, CASE WHEN t.parent = '' THEN t.name ELSE t.parent || '/' || t.name END, 'active',
       jsonb_build_object('name', t.name, 'parent', t.parent, 'isActive', true, 'sortOrder', t.ord)
FROM (VALUES
  ('城市管理', '', 1), ('路灯照明', '城市管理', 1), ('占道经营', '城市管理', 2), ('违章建筑', '城市管理', 3), ('市容环境', '城市管理', 4),
  ('城乡建设', '', 2), ('市政道路', '城乡建设', 1), ('供水供气', '城乡建设', 2), ('物业管理', '城乡建设', 3), ('房屋质量', '城乡建设', 4),
  ('生态环境', '', 3), ('噪声扰民', '生态环境', 1), ('大气污染', '生态环境', 2), ('水体污染', '生态环境', 3), ('垃圾处理', '生态环境', 4),
  ('市场监管', '', 4), ('食品安全', '市场监管', 1), ('消费维权', '市场监管', 2), ('价格收费', '市场监管', 3),
  ('劳动社保', '', 5), ('社保医保', '劳动社保', 1), ('就业创业', '劳动社保', 2), ('劳动欠薪', '劳动社保', 3),
  ('教育卫生', '', 6), ('学校教育', '教育卫生', 1), ('医疗服务', '教育卫生', 2), ('公共卫生', '教育卫生', 3),
  ('交通出行', '', 7), ('公交运营', '交通出行', 1), ('出租网约车', '交通出行', 2), ('停车管理', '交通出行', 3),
  ('政务服务', '', 8), ('政策咨询', '政务服务', 1), ('办事流程', '政务服务', 2), ('工作作风', '政务服务', 3)
) AS t(name, parent, ord);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_ticket_created_idx" ON "cases" ("created_at" DESC, "id" DESC) WHERE "kind" = 'ticket';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_ticket_channel_idx" ON "cases" (("fields"->>'channel'), "created_at" DESC) WHERE "kind" = 'ticket';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_ticket_type_idx" ON "cases" (("fields"->>'ticketType'), "created_at" DESC) WHERE "kind" = 'ticket';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_ticket_area_idx" ON "cases" (("fields"->>'area'), "created_at" DESC) WHERE "kind" = 'ticket';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_ticket_category_idx" ON "cases" (("fields"->>'category'), "created_at" DESC) WHERE "kind" = 'ticket';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_ticket_state_idx" ON "cases" ("state", "created_at" DESC) WHERE "kind" = 'ticket';
--> statement-breakpoint
-- The 三率 of a month read each unit's 签收 and 办结 clocks by when they started and stopped.
CREATE INDEX IF NOT EXISTS "case_clocks_assignment_started_idx" ON "case_clocks" ("clock_id", "started_at") WHERE "assignment_id" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "case_clocks_assignment_stopped_idx" ON "case_clocks" ("clock_id", "stopped_at") WHERE "assignment_id" IS NOT NULL;
