-- Who uploaded each file: a file is stored once by digest, but everyone who uploaded it may cite it.
CREATE TABLE "attachment_uploads" (
	"digest" text NOT NULL REFERENCES "attachments"("digest"),
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachment_uploads_pkey" PRIMARY KEY("digest","user_id")
);
--> statement-breakpoint
INSERT INTO "attachment_uploads" ("digest", "user_id", "created_at")
SELECT "digest", "created_by", "created_at" FROM "attachments" WHERE "created_by" IS NOT NULL;
