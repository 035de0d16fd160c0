-- 12345 热点突增 told to the center: one row per surge (the week, from its Monday; the category; the 街乡, '' when
-- none is named), inserted with the notifications in the transaction of the ticket that made the surge. The insert is
-- the gate: a surge is told once, however many tickets follow that week and however often the page is read.
CREATE TABLE "hotline_surge_alerts" (
	"week" date NOT NULL,
	"category" text NOT NULL,
	"area" text DEFAULT '' NOT NULL,
	"this_week" integer NOT NULL,
	"case_id" uuid NOT NULL REFERENCES "cases"("id"),
	"notified" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "hotline_surge_alerts_pk" PRIMARY KEY("week","category","area")
);
