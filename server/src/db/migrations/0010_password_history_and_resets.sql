-- Password history: the last passwords an account chose, refused on change (scrypt hashes only).
CREATE TABLE "password_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "password_history_user_idx" ON "password_history" ("user_id","id");
--> statement-breakpoint
INSERT INTO "password_history" ("user_id", "password_hash", "created_at")
	SELECT "id", "password_hash", "password_changed_at" FROM "users";
--> statement-breakpoint
-- Password resets under the two-person rule: requested by the 系统管理员, decided by the 安全管理员;
-- the CLI's break-glass resets are recorded here too so that the user is told at sign-in.
CREATE TABLE "password_resets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"via" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"requested_by" uuid REFERENCES "users"("id"),
	"requested_at" timestamp with time zone NOT NULL,
	"requester_half" text,
	"decided_by" uuid REFERENCES "users"("id"),
	"decided_at" timestamp with time zone,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "password_resets_one_pending_idx" ON "password_resets" ("user_id") WHERE "status" = 'pending';
--> statement-breakpoint
CREATE INDEX "password_resets_status_idx" ON "password_resets" ("status","requested_at");
