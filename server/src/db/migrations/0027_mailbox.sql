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
