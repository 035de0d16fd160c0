-- Each unit numbers the 收文 it receives in its own series: a copy delivered at 核发 no longer takes a number
-- in the office's register. '' is the office's own series, so existing numbers keep their meaning.
ALTER TABLE "cases" ADD COLUMN "series" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT "cases_kind_year_seq";--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_kind_series_year_seq" UNIQUE("kind","series","year","seq");--> statement-breakpoint
ALTER TABLE "case_serials" ADD COLUMN "series" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "case_serials" DROP CONSTRAINT "case_serials_kind_year_pk";--> statement-breakpoint
ALTER TABLE "case_serials" ADD CONSTRAINT "case_serials_kind_series_year_pk" PRIMARY KEY("kind","series","year");--> statement-breakpoint
-- Delivered copies get their own states (待签收 → 已签收) instead of the office's 待初审 and 已办结.
-- Numbers already given stay as they are: they may be cited on paper.
UPDATE "cases" SET "state" = 'to_sign' WHERE "kind" = 'incoming' AND "state" = 'registered' AND "fields" ? 'deliveredFrom';--> statement-breakpoint
UPDATE "cases" SET "state" = 'signed' WHERE "kind" = 'incoming' AND "state" = 'closed' AND "fields" ? 'deliveredFrom' AND "fields" ? 'acknowledged';
