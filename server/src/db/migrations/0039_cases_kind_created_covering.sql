-- A metric of a kind over a range counts its cases by is_closed and due_status (收文件数, 批示件 办结/逾期 …): with
-- only (kind, created_at, id) in the index every counted case was read from the table, and the planner scanned the
-- whole of cases instead (bench:embedded, PGlite at 50,000 cases: 67–580 ms a metric). Carrying the two columns
-- makes the count an index-only scan (5 ms there). Same name and key, so the ledger's pages read it as before.
CREATE INDEX "cases_kind_created_covering_idx" ON "cases" USING btree ("kind", "created_at", "id") INCLUDE ("is_closed", "due_status");
--> statement-breakpoint
DROP INDEX "cases_kind_created_idx";
--> statement-breakpoint
ALTER INDEX "cases_kind_created_covering_idx" RENAME TO "cases_kind_created_idx";
