import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
});
after(() => t.close());

type Who = Awaited<ReturnType<typeof actingAs>>;

const fields = (leaderId: string, sourceTitle: string) => ({ leaderId, leaderName: '李红梅', instructedOn: '2026-11-01', instruction: '请抓紧研究办理。', sourceTitle });

/** The units case_unit_visibility says see the case. */
const visibleUnits = async (caseId: string) =>
  rowsOf<{ unit_id: string }>(await t.database.db.execute(sql`select unit_id from case_unit_visibility where case_id = ${caseId} order by unit_id`)).map((row) => row.unit_id);

/** The rule before the table: a unit sees a case while it holds an assignment in any state but withdrawn. */
const unitsByOldRule = async (caseId: string) =>
  rowsOf<{ unit_id: string }>(
    await t.database.db.execute(sql`select distinct unit_id from assignments where case_id = ${caseId} and state <> 'withdrawn' order by unit_id`),
  ).map((row) => row.unit_id);

/** What a 联络员 saw before the table (access.ts as it was), in ledger order. */
const ledgerByOldRule = async (userId: string, unitId: string, order = 'created_at desc, id desc') =>
  rowsOf<{ id: string }>(
    await t.database.db.execute(sql`select id from cases c where (
      exists (select 1 from assignments a where a.case_id = c.id and a.unit_id = ${unitId} and a.state <> 'withdrawn')
      or c.handler_id = ${userId}
      or exists (select 1 from circulations r where r.case_id = c.id and (r.recipient_user_id = ${userId} or r.recipient_unit_id = ${unitId})))
      order by ${sql.raw(order)}`),
  ).map((row) => row.id);

/** Every page of a ledger query, walked by cursor the way the web pages. */
const walk = async (who: Who, query: string) => {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Array<{ id: string }>; nextCursor: string | null } = (await who.request('GET', `/api/cases?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`)).json();
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
};

describe('case_unit_visibility follows the assignments', () => {
  test('交办, 退回 and re-交办, 撤回 (any writer); a 联络员’s ledger and the unit filter give what the old rule gave', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const [unitA, unitB] = [await buildUnit(db), await buildUnit(db)];
    const liaisonA = await actingAs(t.app, db, ['liaison'], { unitId: unitA.id });
    const liaisonB = await actingAs(t.app, db, ['liaison'], { unitId: unitB.id });
    const ids: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      t.clock.advance(60_000);
      ids.push((await clerk.request('POST', '/api/cases', { kind: 'instruction', fields: fields(leader.user.id, `可见性第${index}件`) })).json().id);
    }
    const assign = async (caseId: string, units: Array<{ unitId: string; role: string }>) => {
      const { version } = (await clerk.request('GET', `/api/cases/${caseId}`)).json();
      const response = await clerk.request('POST', `/api/cases/${caseId}/actions/assign`, { version, units });
      assert.equal(response.statusCode, 200, response.body);
    };
    // 交办: A leads 0–3 with B assisting on 0; B leads 4; 5 stays with the office.
    for (const id of ids.slice(0, 4)) await assign(id, [{ unitId: unitA.id, role: 'lead' }, ...(id === ids[0] ? [{ unitId: unitB.id, role: 'assist' }] : [])]);
    await assign(ids[4]!, [{ unitId: unitB.id, role: 'lead' }]);
    for (const id of ids) assert.deepEqual(await visibleUnits(id), await unitsByOldRule(id));
    // Each row carries its case's due date, moved in the same transaction as the case's.
    const stale = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from case_unit_visibility v join cases c on c.id = v.case_id where v.due_date is distinct from c.due_date`));
    assert.equal(stale[0]!.n, 0);
    assert.ok(rowsOf<{ due_date: string | null }>(await db.execute(sql`select due_date from case_unit_visibility where case_id = ${ids[1]}`))[0]?.due_date);
    assert.deepEqual(await visibleUnits(ids[0]!), [unitA.id, unitB.id].sort());
    assert.deepEqual(await visibleUnits(ids[5]!), []);

    // 退回 by B: a unit that returned its 交办 still sees the case, and a second 交办 changes nothing.
    const detail = (await liaisonB.request('GET', `/api/cases/${ids[0]}`)).json();
    const assignmentId = detail.assignments.find((a: { unitId: string }) => a.unitId === unitB.id).id;
    const returned = await liaisonB.request('POST', `/api/cases/${ids[0]}/actions/unit_return`, { version: detail.version, assignmentId, reason: '不属于本单位职责' });
    assert.equal(returned.statusCode, 200, returned.body);
    assert.deepEqual(await visibleUnits(ids[0]!), [unitA.id, unitB.id].sort());
    await assign(ids[0]!, [{ unitId: unitB.id, role: 'assist' }]);
    assert.deepEqual(await visibleUnits(ids[0]!), await unitsByOldRule(ids[0]!));

    // 撤回: whichever code withdraws an assignment, the trigger drops the row in its transaction, and brings it back.
    await db.execute(sql`update assignments set state = 'withdrawn' where case_id = ${ids[1]} and unit_id = ${unitA.id}`);
    assert.deepEqual(await visibleUnits(ids[1]!), []);
    assert.equal((await liaisonA.request('GET', `/api/cases/${ids[1]}`)).statusCode, 404);
    await db.execute(sql`update assignments set state = 'pending' where case_id = ${ids[1]} and unit_id = ${unitA.id}`);
    assert.deepEqual(await visibleUnits(ids[1]!), [unitA.id]);
    await db.execute(sql`update assignments set state = 'withdrawn' where case_id = ${ids[2]} and unit_id = ${unitA.id}`);

    // A 联络员 is also the handler of one case and a 传阅 recipient of another: the other arms of the rule.
    await db.execute(sql`update cases set handler_id = ${liaisonB.user.id} where id = ${ids[5]}`);
    await db.execute(sql`insert into circulations (case_id, recipient_user_id, purpose, sent_by, sent_at) values (${ids[3]}, ${liaisonB.user.id}, '阅知', ${clerk.user.id}, now())`);

    for (const [who, unit] of [[liaisonA, unitA], [liaisonB, unitB]] as const) {
      const expected = await ledgerByOldRule(who.user.id, unit.id);
      assert.deepEqual(await walk(who, 'kind=instruction'), expected);
      assert.deepEqual(await walk(who, ''), expected);
      assert.deepEqual(await walk(who, 'kind=instruction&sort=created_asc'), await ledgerByOldRule(who.user.id, unit.id, 'created_at asc, id asc'));
      assert.deepEqual(await walk(who, 'kind=instruction&sort=due_asc'), await ledgerByOldRule(who.user.id, unit.id, 'due_date asc nulls last, id asc'));
      assert.equal((await who.request('GET', '/api/cases?kind=instruction')).json().total.count, expected.length);
    }
    assert.ok((await walk(liaisonB, '')).includes(ids[5]!), 'the handler arm');
    assert.ok((await walk(liaisonB, '')).includes(ids[3]!), 'the 传阅 arm');
    assert.ok(!(await walk(liaisonA, '')).includes(ids[2]!), 'withdrawn is out of sight');

    const staleAtEnd = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from case_unit_visibility v join cases c on c.id = v.case_id where v.due_date is distinct from c.due_date`));
    assert.equal(staleAtEnd[0]!.n, 0, 'due dates follow their cases');

    // The office's unit filter: the unit's rows, the same as the EXISTS it replaces.
    for (const unit of [unitA, unitB]) {
      const expected = rowsOf<{ id: string }>(
        await db.execute(sql`select id from cases c where exists (select 1 from assignments a where a.case_id = c.id and a.unit_id = ${unit.id} and a.state <> 'withdrawn') order by created_at desc, id desc`),
      ).map((row) => row.id);
      assert.deepEqual(await walk(clerk, `kind=instruction&unit=${unit.id}`), expected);
      const seenByA = new Set(await ledgerByOldRule(liaisonA.user.id, unitA.id));
      assert.deepEqual(await walk(liaisonA, `unit=${unit.id}`), expected.filter((id) => seenByA.has(id)));
    }
  });
});
