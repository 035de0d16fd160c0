/**
 * The 依申请公开 records as the 年度报告 and the metrics read them: one row per application with its
 * 收到日 (fixed by channel at registration), applicant type, answer and the 复议/诉讼 arising from it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db.js';
import type { ApplicantType, DisclosureOutcome, DisclosureProceedingFacts, DisclosureRequestFacts } from './annual-report.js';
import type { RequestProceeding } from './request.fields.js';

/** The 收到日 of a disclosure case in SQL (`c` is the cases row); ISO dates compare as text. */
export const receivedDaySql = sql`coalesce(c.fields->'receivedOn'->>'at', c.fields->>'receivedOn')`;

type FactRow = { id: string; received_on: string; applicant_type: ApplicantType; answered_on: string | null; outcome: DisclosureOutcome | null; proceedings: RequestProceeding[] | null };

/**
 * Applications that matter to a year's report: received by its end and not answered before it began
 * (new, carried over, answered or carried forward), with proceedings of any of them.
 */
export const findRequestFacts = async (
  db: Db,
  year: number,
  unitId: string | undefined,
): Promise<{ requests: DisclosureRequestFacts[]; proceedings: DisclosureProceedingFacts[] }> => {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const unitFilter: SQL = unitId ? sql`and c.owner_unit_id = ${unitId}` : sql``;
  const rows = rowsOf<FactRow>(
    await db.execute(sql`
      select c.id, ${receivedDaySql} as received_on, c.fields->>'applicantType' as applicant_type,
             c.fields->>'answeredOn' as answered_on, c.fields->>'outcome' as outcome, c.fields->'proceedings' as proceedings
      from cases c
      where c.kind = 'disclosure' and ${receivedDaySql} <= ${end} ${unitFilter}
        and (c.fields->>'answeredOn' is null or c.fields->>'answeredOn' >= ${start}
             or exists (select 1 from jsonb_array_elements(coalesce(c.fields->'proceedings', '[]'::jsonb)) p
                        where p->>'concludedOn' is null or p->>'concludedOn' >= ${start}))`),
  );
  const inReport = (row: FactRow) => row.answered_on === null || row.answered_on >= start;
  return {
    requests: rows.filter(inReport).map((row) => ({
      id: row.id,
      receivedOn: row.received_on,
      applicantType: row.applicant_type,
      answeredOn: row.answered_on,
      outcome: row.answered_on === null ? null : row.outcome,
    })),
    proceedings: rows.flatMap((row) =>
      (row.proceedings ?? []).map((item) => ({ id: item.id, type: item.type, filedOn: item.filedOn, concludedOn: item.concludedOn, result: item.result })),
    ),
  };
};
