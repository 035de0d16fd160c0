-- Records beside cases (engine/records): a record type's rows, their sealed append-only trail, and links to cases and records.
CREATE TABLE "records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"unit_id" uuid REFERENCES "units"("id"),
	"title" text NOT NULL,
	"state" text NOT NULL,
	"fields" jsonb NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"created_by" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "records_span_check" CHECK ("starts_at" is null or "ends_at" is null or "ends_at" > "starts_at")
);
--> statement-breakpoint
CREATE INDEX "records_type_created_idx" ON "records" USING btree ("type","created_at");--> statement-breakpoint
CREATE INDEX "records_type_unit_idx" ON "records" USING btree ("type","unit_id");--> statement-breakpoint
CREATE INDEX "records_type_starts_idx" ON "records" USING btree ("type","starts_at");--> statement-breakpoint
CREATE TABLE "record_events" (
	"record_id" uuid NOT NULL REFERENCES "records"("id"),
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"comment" text,
	"details" jsonb NOT NULL,
	"actor_id" uuid REFERENCES "users"("id"),
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"mac" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "record_events_seq_idx" ON "record_events" USING btree ("record_id","seq");--> statement-breakpoint
CREATE TRIGGER record_events_no_update BEFORE UPDATE OR DELETE ON record_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER record_events_no_truncate BEFORE TRUNCATE ON record_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TABLE "record_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL REFERENCES "records"("id"),
	"target_record_id" uuid REFERENCES "records"("id"),
	"target_case_id" uuid REFERENCES "cases"("id"),
	"relation" text NOT NULL,
	"created_by" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_links_one_target" CHECK (num_nonnulls("target_record_id", "target_case_id") = 1)
);
--> statement-breakpoint
CREATE INDEX "record_links_record_idx" ON "record_links" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "record_links_target_record_idx" ON "record_links" USING btree ("target_record_id");--> statement-breakpoint
CREATE INDEX "record_links_target_case_idx" ON "record_links" USING btree ("target_case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_links_record_unique" ON "record_links" ("record_id","relation","target_record_id") WHERE "target_record_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "record_links_case_unique" ON "record_links" ("record_id","relation","target_case_id") WHERE "target_case_id" IS NOT NULL;
