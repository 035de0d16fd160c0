-- A case's clocks by its id: every action reads them (the trail-and-clocks read, loadCaseClocks) and saves them by
-- case (clocks.repository.ts). The two unique indexes are partial (case clocks: assignment_id is null; assignment
-- clocks: by assignment_id), so `case_id = $1` alone could use neither and read the whole table — at a city's 12345
-- volume (1.6 million clocks a million tickets) a sequential scan in every 签收 and 答复.
CREATE INDEX IF NOT EXISTS "case_clocks_case_idx" ON "case_clocks" USING btree ("case_id");
