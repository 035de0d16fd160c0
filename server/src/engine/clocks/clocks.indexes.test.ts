/**
 * The statements an action sends for a case's clocks find them by index, on both databases: the reads by case
 * (the trail-and-clocks read, loadCaseClocks) and the save's UPDATE by case, clock and assignment. Asked of the
 * planner with sequential scans priced out: a plan that still scans case_clocks has no index to use, and every
 * 签收 or 答复 would read the whole table (1.6 million clocks at a million 12345 tickets).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../platform/db.js';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.js';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

const planOf = async (statement: SQL): Promise<string> =>
  database.db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    const rows = rowsOf<{ 'QUERY PLAN': string }>(await tx.execute(sql`explain ${statement}`));
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });

const caseId = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';

describe('case_clocks by case', () => {
  test('a case’s clocks are read by index', async () => {
    const plan = await planOf(sql`select row_to_json(c)::text from case_clocks c where c.case_id = ${caseId}::uuid`);
    assert.doesNotMatch(plan, /Seq Scan on case_clocks/, plan);
    assert.match(plan, /case_clocks_case_idx/, plan);
  });

  test('a clock is saved by index: the UPDATE by case, clock and (maybe no) assignment', async () => {
    const plan = await planOf(sql`update case_clocks set version = case_clocks.version + 1
      from (values ('case.handling'::text, null::uuid, 1)) as v(clock_id, assignment_id, expected)
      where case_clocks.case_id = ${caseId}::uuid and case_clocks.clock_id = v.clock_id
        and case_clocks.assignment_id is not distinct from v.assignment_id and case_clocks.version = v.expected`);
    assert.doesNotMatch(plan, /Seq Scan on case_clocks/, plan);
  });
});
