-- 建议提案: the deputy's one-time 征询意见表 links. Only the token's SM3 hash is kept; a link is used once, expires, and a new one revokes the old.
CREATE TABLE "proposal_surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL REFERENCES "cases"("id"),
	"round" integer NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"answer" jsonb,
	CONSTRAINT "proposal_surveys_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE INDEX "proposal_surveys_case_idx" ON "proposal_surveys" USING btree ("case_id","round");
