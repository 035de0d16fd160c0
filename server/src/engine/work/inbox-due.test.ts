/**
 * 待办 sorted by a copy of the case's due date on each work item (migration 0040): the copy follows the case through
 * every writer of cases.due_date — registration one case or many, an action that starts a clock (交办), an extension,
 * a calendar re-time, a write by any other code —, and the page (one ordered index walk per addressee, merged) gives
 * the order the join on cases gave, without a row twice when two identities share a unit; the count agrees.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db.js';
import { actingAs, actorOf, buildUnit, buildUser } from '../../../test/factories.js';
import { registerClockTestKind } from '../../../test/clock-kind.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { reserveSerials } from '../cases/cases.repository.js';
import { createCases } from '../cases/create-cases.js';

registerClockTestKind();
let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
});
after(() => t.close());

type Who = Awaited<ReturnType<typeof actingAs>>;

/** The case's due date and its work items' copies of it. */
const duesOf = async (caseId: string) => {
  const [row] = rowsOf<{ case_due: string | null; item_dues: Array<string | null> }>(
    await t.database.db.execute(sql`select c.due_date as case_due, (select coalesce(json_agg(w.due_date), '[]') from work_items w where w.case_id = c.id) as item_dues from cases c where c.id = ${caseId}`),
  );
  return row!;
};

/** Asserts the case has work items and each carries the case's date; returns the date. */
const followed = async (caseId: string, step: string) => {
  const { case_due, item_dues } = await duesOf(caseId);
  assert.ok(item_dues.length > 0, `${step}: the case waits on someone`);
  assert.deepEqual(item_dues, item_dues.map(() => case_due), `${step}: the work items carry the case's due date`);
  return case_due;
};

/** Work items anywhere whose date is not their case's. */
const staleItems = async () =>
  rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from work_items w join cases c on c.id = w.case_id where w.due_date is distinct from c.due_date`))[0]!.n;

const act = async (who: Who, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const { version } = (await who.request('GET', `/api/cases/${caseId}`)).json();
  const response = await who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version, ...body });
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
};

const instruction = (leaderId: string, sourceTitle: string) => ({
  kind: 'instruction',
  fields: { leaderId, leaderName: '李红梅', instructedOn: '2026-11-01', instruction: '请抓紧研究办理。', sourceTitle },
});

describe('a work item’s due date follows its case', () => {
  test('registration (one and many), 交办, extensions, a calendar re-time, any other writer; gone at closing', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const director = await actingAs(t.app, db, ['director']);
    const admin = await actingAs(t.app, db, ['sysadmin']);
    const leader = await actingAs(t.app, db, ['leader']);
    const unit = await buildUnit(db);
    await actingAs(t.app, db, ['liaison'], { unitId: unit.id });

    // createCase: the answer clock starts at registration, in the statements after the work item's insert.
    const one = (await clerk.request('POST', '/api/cases', { kind: 'clocktest', fields: { subject: '申请公开（一件）', receivedOn: '2026-11-02' } })).json() as { id: string };
    const registered = await followed(one.id, 'createCase');
    assert.ok(registered, 'the answer clock gives a date');
    // createCases: many at once, their work items by unnest beside the cases' first events.
    const first = await reserveSerials(db, { kind: 'clocktest', year: 2026, count: 2 });
    const clerkActor = actorOf(await buildUser(db, { roles: ['clerk'] }), ['clerk']);
    const many = await createCases({ db, actor: clerkActor, kindId: 'clocktest', items: [1, 2].map((n) => ({ subject: `申请公开（批量 ${n}）`, receivedOn: '2026-11-02' })), now: t.clock.now(), firstSeq: first });
    for (const { id } of many) assert.equal(await followed(id, 'createCases'), registered);

    // 分办 stops the 12-hour triage clock: the case's date becomes the answer's, on the work item that stays.
    await act(clerk, one.id, 'triage', { comment: '分办。' });
    const triaged = await followed(one.id, '分办');
    assert.ok(triaged! > registered!, `${triaged} after ${registered}`);
    // An extension by the director moves it again.
    await act(director, one.id, 'extend_answer', { extension: { amount: 5, reason: '需调取档案' } });
    const extended = await followed(one.id, 'extend_answer');
    assert.ok(extended! > triaged!, `${extended} after ${triaged}`);

    // 交办: the unit's work item is inserted by the trail statement, the case's date set by a later one.
    const handled = (await clerk.request('POST', '/api/cases', instruction(leader.user.id, '关于路灯维修的来信'))).json() as { id: string };
    await act(clerk, handled.id, 'assign', { units: [{ unitId: unit.id, role: 'lead' }] });
    const assigned = await followed(handled.id, '交办');
    assert.ok(assigned, 'the unit’s clock gives the case a date');
    const assignmentId = (await clerk.request('GET', `/api/cases/${handled.id}`)).json().assignments[0].id as string;
    await act(clerk, handled.id, 'extend', { assignmentId, extension: { amount: 2, reason: '需协调多个部门' } });
    const unitExtended = await followed(handled.id, '延期');
    assert.ok(unitExtended! > assigned!, `${unitExtended} after ${assigned}`);

    // A calendar override re-times the open clocks in its transaction (retime-cases.ts), and its removal back.
    const override = await admin.request('PUT', '/api/calendar/overrides/2026-11-20', { kind: 'holiday', note: '本地停工', source: '市政府通知' });
    assert.equal(override.statusCode, 200, override.body);
    const retimed = await followed(one.id, 'calendar re-time');
    assert.ok(retimed! > extended!, `${retimed} after ${extended}`);
    for (const { id } of many) await followed(id, 'calendar re-time');
    assert.equal((await admin.request('DELETE', `/api/calendar/overrides/2026-11-20?version=${override.json().version}`)).statusCode, 204);
    assert.equal(await followed(one.id, 'override removed'), extended);

    // Any other code that writes the column (an import, a repair): the trigger on cases carries it.
    await db.execute(sql`update cases set due_date = '2030-01-02' where id = ${handled.id}`);
    assert.equal(await followed(handled.id, 'a direct write'), '2030-01-02');
    await db.execute(sql`update cases set due_date = null where id = ${handled.id}`);
    assert.equal(await followed(handled.id, 'a direct write of none'), null);

    // Closing: the case waits on nobody.
    await act(clerk, one.id, 'answer', { comment: '已答复申请人。' });
    assert.deepEqual((await duesOf(one.id)).item_dues, []);
    assert.equal(await staleItems(), 0, 'no work item anywhere with another date than its case’s');
  });
});

describe('the 待办 page walks each addressee’s index', () => {
  test('the order of the join on cases, pages that add up to the whole, no row twice for two identities of one unit, the count', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const unit = await buildUnit(db);
    const liaison = await actingAs(t.app, db, ['liaison'], { unitId: unit.id });
    const colleague = await actingAs(t.app, db, ['liaison'], { unitId: unit.id });
    // AB角: the liaison stands in for a colleague of the same unit — two identities, one unit.
    assert.equal((await colleague.request('POST', '/api/delegations', { toUserId: liaison.user.id, startDate: '2026-11-01', endDate: '2026-11-30' })).statusCode, 200);
    const ids: string[] = [];
    for (let n = 0; n < 7; n += 1) {
      t.clock.advance(60_000);
      const created = (await clerk.request('POST', '/api/cases', instruction(leader.user.id, `待办排序第${n}件`))).json() as { id: string };
      await act(clerk, created.id, 'assign', { units: [{ unitId: unit.id, role: 'lead' }] });
      ids.push(created.id);
    }
    // Dates out of registration order, two the same (then the newest first), one none (last).
    const dates = ['2026-12-03', '2026-11-20', null, '2026-11-20', '2026-12-01', '2026-11-25', '2026-12-03'];
    for (const [index, id] of ids.entries()) await db.execute(sql`update cases set due_date = ${dates[index]} where id = ${id}`);
    // One item addressed to the liaison in person, written by other code (the insert trigger gives it its case's date):
    // the page merges a user's walk with the unit's.
    await db.execute(sql`insert into work_items (case_id, user_id, label, since) values (${ids[5]}, ${liaison.user.id}, '阅办', ${t.clock.now().toISOString()}::timestamptz)`);
    const expected = rowsOf<{ case_id: string; label: string }>(
      await db.execute(sql`select w.case_id, w.label from work_items w join cases c on c.id = w.case_id
        where w.unit_id = ${unit.id} or w.user_id in (${liaison.user.id}, ${colleague.user.id})
        order by c.due_date asc nulls last, w.since desc, w.id`),
    ).map((row) => `${row.case_id} ${row.label}`);
    assert.equal(expected.length, 8);
    assert.equal(await staleItems(), 0);

    type Item = { caseId: string; label: string; dueDate: string | null };
    const keyOf = (item: Item) => `${item.caseId} ${item.label}`;
    const whole = (await liaison.request('GET', '/api/inbox')).json() as Item[];
    assert.deepEqual(whole.map(keyOf), expected, 'the order the join on cases gave, each item once');
    assert.deepEqual(
      whole.filter((item) => item.label !== '阅办').map((item) => item.dueDate),
      [...dates].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b))),
    );
    const pages: string[] = [];
    for (let offset = 0; offset < 9; offset += 3) pages.push(...((await liaison.request('GET', `/api/inbox?limit=3&offset=${offset}`)).json() as Item[]).map(keyOf));
    assert.deepEqual(pages, expected, 'pages of 3 add up to the whole');
    assert.equal((await liaison.request('GET', '/api/inbox/counts')).json().todo, 8);
    // A row addressed to both a user and a unit would come twice in the walks and the count: refused.
    await assert.rejects(db.execute(sql`insert into work_items (case_id, user_id, unit_id, label, since) values (${ids[0]}, ${liaison.user.id}, ${unit.id}, '两处', now())`));
  });
});
