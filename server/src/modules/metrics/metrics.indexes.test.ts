/**
 * Migration 0037 made two indexes partial, leaving tickets out: case_events_action_at_idx holds no 登记, 派单, 签收,
 * 答复 or 直接答复 event, cases_fields_idx no ticket. The queries they serve must still be proved to fall inside them
 * — with their values bound as the app binds them — or every metric of a year would read the whole trail. Asked of
 * the planner with sequential scans priced out, on both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../platform/db.js';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.js';
import { casesWithEventWithin, ofKind, registeredWithin } from './metrics.sql.js';

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

/**
 * The plan with the kind's own indexes gone (dropped in a transaction rolled back): on an empty table the planner would
 * take them for anything filtered or grouped by kind, so a partial index is proved usable only once they are out of its way.
 */
const planWithoutKindIndexes = async (statement: SQL): Promise<string> => {
  const rolledBack = new Error('rolled back');
  let plan = '';
  await assert.rejects(
    database.db.transaction(async (tx) => {
      for (const index of ['cases_kind_state_idx', 'cases_kind_created_idx', 'cases_kind_due_idx']) await tx.execute(sql.raw(`drop index ${index}`));
      await tx.execute(sql`alter table cases drop constraint cases_kind_series_year_seq`);
      await tx.execute(sql`set local enable_seqscan = off`);
      plan = rowsOf<{ 'QUERY PLAN': string }>(await tx.execute(sql`explain ${statement}`)).map((row) => row['QUERY PLAN']).join('\n');
      throw rolledBack;
    }),
    rolledBack,
  );
  return plan;
};

const year = { from: '2026-01-01', to: '2026-12-31' };

describe('the partial indexes of migration 0037', () => {
  test('cases with an event within a range (核发, 回访 and 重办, 典型案例) read the trail by a partial index, never the whole of it', async () => {
    // Which partial index is cheaper on an empty table is the planner's choice: PostgreSQL takes 0030's
    // case_events_visit_unit_at_idx for 回访 and 重办 (its predicate is exactly those two actions), PGlite 0037's.
    // Either proves its predicate from the bound actions; a sequential scan of case_events would mean neither did.
    const plans = new Map<string, string>();
    for (const actions of [['distribute'], ['revisit', 'redo'], ['case_study']]) {
      const plan = await planOf(casesWithEventWithin(actions, year));
      assert.match(plan, /Index (Only )?Scan using case_events_(action_at|visit_unit_at)_idx on case_events/, plan);
      assert.doesNotMatch(plan, /Seq Scan on case_events/, plan);
      plans.set(actions.join(','), plan);
    }
    // 核发 is in no other partial index: only 0037's can serve it.
    assert.match(plans.get('distribute')!, /case_events_action_at_idx/);
  });

  test('a 收文 found by its fields (the duplicate check: 来文单位 and 文号) can read cases_fields_idx', async () => {
    // On an empty table the planner would rather take the kind's own indexes: without them (dropped in a transaction
    // rolled back), the only index left to it is the partial one, which it takes only if kind = 'incoming' proves kind <> 'ticket'.
    const fields = JSON.stringify({ fromOrg: '市发展改革委', docNumber: '发改〔2026〕1号' });
    const plan = await planWithoutKindIndexes(sql`select id from cases where kind = ${'incoming'} and fields @> ${fields}::jsonb`);
    assert.match(plan, /cases_fields_idx/, plan);
  });
});

describe('the covering index of migration 0039', () => {
  test('a kind’s cases of a range counted by closed, open and overdue read cases_kind_created_idx alone (no table)', async () => {
    const plan = await planOf(sql`select count(*) filter (where c.is_closed)::int as closed, count(*) filter (where not c.is_closed and c.due_status = 'red')::int as overdue
      from cases c where ${ofKind('instruction')} and ${registeredWithin(year)}`);
    assert.match(plan, /Index Only Scan using cases_kind_created_idx/, plan);
  });
});

describe('the red list (migration 0041)', () => {
  test('what is red today is counted by kind and paged in due order from cases_red_idx, not from every case', async () => {
    // Bound as drizzle binds eq(cases.isClosed, false) and eq(cases.dueStatus, 'red') in the dashboard's query. On an
    // empty table the planner would group by kind off the kind's own indexes: without them (dropped in a transaction
    // rolled back) it takes the partial index only if the bound values prove its predicate.
    const red = sql`is_closed = ${false} and due_status = ${'red'}`;
    assert.match(await planOf(sql`select id from cases where ${red} order by due_date asc, id asc limit 20`), /Index (Only )?Scan using cases_red_idx on cases/);
    const plan = await planWithoutKindIndexes(sql`select kind, count(*) from cases where ${red} group by kind`);
    assert.match(plan, /Index Only Scan using cases_red_idx on cases/, plan);
  });
});
