CREATE TABLE "case_clocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"assignment_id" uuid,
	"clock_id" text NOT NULL,
	"state" text NOT NULL,
	"started_at" text,
	"due_at" text,
	"paused_at" text,
	"stopped_at" text,
	"inputs" jsonb NOT NULL,
	"explanation" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_clocks_state_check" CHECK ("state" in ('pending', 'running', 'paused', 'stopped', 'overdue'))
);
--> statement-breakpoint
ALTER TABLE "case_clocks" ADD CONSTRAINT "case_clocks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_clocks" ADD CONSTRAINT "case_clocks_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_clocks_case_clock" ON "case_clocks" USING btree ("case_id","clock_id") WHERE "case_clocks"."assignment_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "case_clocks_assignment_clock" ON "case_clocks" USING btree ("assignment_id","clock_id") WHERE "case_clocks"."assignment_id" is not null;--> statement-breakpoint
CREATE INDEX "case_clocks_open_due_idx" ON "case_clocks" USING btree ("due_at") WHERE "case_clocks"."state" in ('running', 'paused', 'overdue');
