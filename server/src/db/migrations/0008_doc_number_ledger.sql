CREATE TABLE "doc_number_sequences" (
	"issuer_code" text NOT NULL,
	"year" integer NOT NULL,
	"last_no" integer NOT NULL,
	CONSTRAINT "doc_number_sequences_issuer_code_year_pk" PRIMARY KEY("issuer_code","year")
);
--> statement-breakpoint
CREATE TABLE "doc_numbers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer_code" text NOT NULL,
	"year" integer NOT NULL,
	"no" integer NOT NULL,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"case_id" uuid,
	"reserved_until" timestamp with time zone,
	"note" text,
	"void_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "doc_numbers_issuer_year_no" UNIQUE("issuer_code","year","no"),
	CONSTRAINT "doc_numbers_text" UNIQUE("text"),
	CONSTRAINT "doc_numbers_one_per_case" UNIQUE("case_id")
);
--> statement-breakpoint
CREATE TABLE "issuer_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"issuer_name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "doc_numbers" ADD CONSTRAINT "doc_numbers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doc_numbers" ADD CONSTRAINT "doc_numbers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "doc_numbers_reserved_idx" ON "doc_numbers" USING btree ("reserved_until") WHERE "doc_numbers"."status" = 'reserved';