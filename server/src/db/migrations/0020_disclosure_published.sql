CREATE TABLE "published_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"channels" text[] NOT NULL,
	"published_on" text NOT NULL,
	"document_number" text,
	"decision_count" integer,
	"fee_amount" numeric(14, 4),
	"note" text,
	"repealed_on" text,
	"repeal_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "published_items_repeal_check" CHECK ("published_items"."repealed_on" is null or "published_items"."repealed_on" >= "published_items"."published_on")
);
--> statement-breakpoint
ALTER TABLE "published_items" ADD CONSTRAINT "published_items_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_items" ADD CONSTRAINT "published_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "published_items_unit_date_idx" ON "published_items" USING btree ("unit_id","published_on");--> statement-breakpoint
CREATE INDEX "published_items_date_idx" ON "published_items" USING btree ("published_on");
