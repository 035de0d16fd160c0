CREATE TABLE "case_import_keys" (
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"case_id" uuid NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_import_keys_kind_key_pk" PRIMARY KEY("kind","key")
);
--> statement-breakpoint
CREATE TABLE "circulations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"recipient_user_id" uuid,
	"recipient_unit_id" uuid,
	"purpose" text NOT NULL,
	"sent_by" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	"read_by" uuid,
	"comment" text
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "search_vector" "tsvector";--> statement-breakpoint
ALTER TABLE "case_import_keys" ADD CONSTRAINT "case_import_keys_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulations" ADD CONSTRAINT "circulations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulations" ADD CONSTRAINT "circulations_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulations" ADD CONSTRAINT "circulations_recipient_unit_id_units_id_fk" FOREIGN KEY ("recipient_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulations" ADD CONSTRAINT "circulations_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulations" ADD CONSTRAINT "circulations_read_by_users_id_fk" FOREIGN KEY ("read_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "circulations_case_idx" ON "circulations" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "circulations_user_idx" ON "circulations" USING btree ("recipient_user_id");--> statement-breakpoint
CREATE INDEX "circulations_unit_idx" ON "circulations" USING btree ("recipient_unit_id");