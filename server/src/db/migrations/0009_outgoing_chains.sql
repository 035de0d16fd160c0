CREATE TABLE "approval_chains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"chain_key" uuid NOT NULL,
	"name" text NOT NULL,
	"issuer_code" text,
	"doc_type" text,
	"direction" text,
	"version" integer NOT NULL,
	"steps" jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "approval_chains_key_version" UNIQUE("chain_key","version")
);
--> statement-breakpoint
ALTER TABLE "doc_numbers" ADD COLUMN "request_key" text;--> statement-breakpoint
ALTER TABLE "issuer_codes" ADD COLUMN "organ_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "issuer_codes" ADD COLUMN "printer_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "issuer_codes" ADD COLUMN "format" text DEFAULT 'file' NOT NULL;--> statement-breakpoint
ALTER TABLE "issuer_codes" ADD COLUMN "principal_id" uuid;--> statement-breakpoint
ALTER TABLE "approval_chains" ADD CONSTRAINT "approval_chains_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "approval_chains_one_active" ON "approval_chains" USING btree ("chain_key") WHERE "approval_chains"."is_active";--> statement-breakpoint
ALTER TABLE "issuer_codes" ADD CONSTRAINT "issuer_codes_principal_id_users_id_fk" FOREIGN KEY ("principal_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doc_numbers" ADD CONSTRAINT "doc_numbers_request_key" UNIQUE("request_key");