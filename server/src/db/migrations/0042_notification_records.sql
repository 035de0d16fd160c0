-- 待阅 that refer to a record rather than a case (会议通知) carry the record: a notice held only a case id, so a meeting's
-- notice, which has none, could not be opened from 待阅 (no 查看). The web links each notice by what it refers to: its
-- case (the case page), or its record (a meeting's page).
ALTER TABLE "notifications" ADD COLUMN "record_id" uuid;
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- The notices sent before: each 会议通知 was written in the transaction of its meeting's 'notice' trail event, with the
-- same instant and the meeting's subject in its title (meeting.service sendMeetingNotice), which finds its meeting.
UPDATE "notifications" n SET "record_id" = e."record_id"
FROM "record_events" e JOIN "records" r ON r."id" = e."record_id" AND r."type" = 'meeting'
WHERE n."record_id" IS NULL AND n."case_id" IS NULL AND n."type" = 'toread'
  AND e."action" = 'notice' AND e."at" = n."created_at"
  AND n."title" = '会议通知：' || (r."fields"->>'subject');
