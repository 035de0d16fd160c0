CREATE TABLE "clock_reminders" (
	"clock_row_id" uuid NOT NULL,
	"rung" text NOT NULL,
	"due_at" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clock_reminders_pk" PRIMARY KEY("clock_row_id","rung","due_at")
);
--> statement-breakpoint
ALTER TABLE "clock_reminders" ADD CONSTRAINT "clock_reminders_clock_row_id_case_clocks_id_fk" FOREIGN KEY ("clock_row_id") REFERENCES "public"."case_clocks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "case_urges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"assignment_id" uuid,
	"message" text NOT NULL,
	"urged_by" uuid NOT NULL,
	"urged_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_urges" ADD CONSTRAINT "case_urges_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_urges" ADD CONSTRAINT "case_urges_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_urges" ADD CONSTRAINT "case_urges_urged_by_users_id_fk" FOREIGN KEY ("urged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_urges_case_idx" ON "case_urges" USING btree ("case_id","urged_at");--> statement-breakpoint
CREATE INDEX "case_urges_urged_at_idx" ON "case_urges" USING btree ("urged_at");
