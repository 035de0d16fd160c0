-- 市长信箱: a citizen's letter beside its 12345 工单. Only the query code's SM3 hash is kept; the spent proof-of-work challenge is unique, so it is refused a second time.
CREATE TABLE "mailbox_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL REFERENCES "cases"("id"),
	"query_hash" text NOT NULL,
	"challenge_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailbox_letters_case_id_unique" UNIQUE("case_id"),
	CONSTRAINT "mailbox_letters_query_hash_unique" UNIQUE("query_hash"),
	CONSTRAINT "mailbox_letters_challenge_hash_unique" UNIQUE("challenge_hash")
);
--> statement-breakpoint
-- Open311 GeoReport v2: API keys the 12345 center issues (SM3 hash only), and the tickets each key created.
CREATE TABLE "open311_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "open311_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "open311_requests" (
	"case_id" uuid PRIMARY KEY NOT NULL REFERENCES "cases"("id"),
	"key_id" uuid NOT NULL REFERENCES "open311_keys"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "open311_requests_key_idx" ON "open311_requests" USING btree ("key_id");
