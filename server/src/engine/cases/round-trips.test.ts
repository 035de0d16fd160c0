/**
 * What one action costs in statements (issue: at most 6 round trips for the action itself): the assignments
 * an effect writes come back from its own UPDATE/INSERT (RETURNING), not from a second read, and the due
 * columns ride in the clocks' save statement. Counted on the statements drizzle sends, BEGIN/COMMIT left out,
 * on both databases; a change that adds a round trip to every action fails here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/test-db.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { registerPersonalTestKind } from '../../../test/personal-kinds.js';
import { verifyCaseTrail } from './trail.js';
import { reserveSerials } from './cases.repository.js';
import { buildDetailScene } from './case-detail.fixture.js';

let recording: string[] | undefined;
let t: TestContext;
before(async () => {
  registerPersonalTestKind();
  const database = await createTestDatabase({ onQuery: (text: string) => recording?.push(text.replace(/\s+/g, ' ')) });
  t = await startTestApp({ database });
  t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
});
after(async () => {
  await t.close();
  await t.database.close();
});

type Who = Awaited<ReturnType<typeof actingAs>>;

/** The statements of one action request, after a detail read that gives its version. */
const statementsOf = async (who: Who, caseId: string, action: string, body: Record<string, unknown>) => {
  const { version } = (await who.request('GET', `/api/cases/${caseId}`)).json();
  recording = [];
  const response = await who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version, ...body });
  // node-postgres's session logs BEGIN and COMMIT, PGlite's does not: the count leaves them out on both.
  const seen = recording.filter((text) => !/^(begin|commit|rollback)\b/i.test(text));
  recording = undefined;
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
  return seen;
};

/** The statements after the version claim (the transaction's work). */
const afterClaim = (statements: readonly string[]) => {
  const claim = statements.findIndex((text) => /^update "cases" set "state"/.test(text));
  assert.ok(claim >= 0, statements.join('\n'));
  return statements.slice(claim + 1);
};

const readsAssignments = (text: string) => /^select .* from "assignments"/.test(text);

describe('round trips of an action', () => {
  test('签收, 申请延期 → 同意, 答复: the assignments are not read again after the effect; at most 7 statements each, the session and the load included', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const unit = await buildUnit(db);
    const liaison = await actingAs(t.app, db, ['liaison'], { unitId: unit.id });
    const created = await clerk.request('POST', '/api/cases', {
      kind: 'instruction',
      fields: { leaderId: leader.user.id, leaderName: '李红梅', instructedOn: '2026-11-01', instruction: '请抓紧研究办理。', sourceTitle: '关于路灯维修的来信' },
    });
    assert.equal(created.statusCode, 200, created.body);
    const caseId = (created.json() as { id: string }).id;
    const assigned = await statementsOf(clerk, caseId, 'assign', { units: [{ unitId: unit.id, role: 'lead' }] });
    assert.ok(!afterClaim(assigned).some(readsAssignments), assigned.join('\n'));

    const detail = async () => (await clerk.request('GET', `/api/cases/${caseId}`)).json();
    const assignmentId = (await detail()).assignments[0].id as string;
    const costs: Record<string, number> = {};
    for (const [who, action, body] of [
      [liaison, 'sign', { assignmentId }],
      [clerk, 'extend', { assignmentId, extension: { amount: 2, reason: '需协调多个部门' } }],
      [liaison, 'reply', { assignmentId, reply: '已修复路灯 12 盏。' }],
    ] as const) {
      const statements = await statementsOf(who, caseId, action, body);
      costs[action] = statements.length;
      assert.ok(!afterClaim(statements).some(readsAssignments), `${action} read the assignments again:\n${statements.join('\n')}`);
      assert.ok(statements.length <= 7, `${action}: ${statements.length} statements\n${statements.join('\n')}`);
    }
    // What the statements wrote is what a fresh read finds: the unit's reply and its due columns.
    const final = await detail();
    assert.equal(final.assignments[0].state, '已答复');
    assert.equal(final.assignments[0].dueStatus, 'none');
    assert.ok(Object.values(costs).every((n) => n >= 4), JSON.stringify(costs));
  });

  test('a registration: the case row, then its first trail event with its sealed values, blind index and 待办 riding on it — 2 statements, the session and the load apart', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const petition = (phone: string) => ({ kind: 'test_petition', fields: { subject: '小区噪音扰民', petitionerName: '张三丰', phone, idNumber: '11010519491231002X' } });
    assert.equal((await clerk.request('POST', '/api/cases', petition('13912345670'))).statusCode, 200); // warms the caches
    recording = [];
    const created = await clerk.request('POST', '/api/cases', petition('13912345678'));
    const seen = recording.filter((text) => !/^(begin|commit|rollback|savepoint|release)\b/i.test(text));
    recording = undefined;
    assert.equal(created.statusCode, 200, created.body);
    const caseId = (created.json() as { id: string }).id;
    const writes = seen.slice(seen.findIndex((text) => /^insert into "cases"/.test(text)));
    assert.equal(writes.length, 2, writes.join('\n'));
    assert.match(writes[1]!, /^with case_personal_added as \(insert into "case_personal".*person_index_added.*work_items_added.*insert into "case_events"/);
    // The session, the number, the row, the event: whom the clerk acts for is not read (no attachment cited).
    assert.equal(seen.length, 4, seen.join('\n'));
    // What rode on the insert is all there: the trail verifies, the sealed values open, the blind index finds the caller, the 待办 is the clerk's.
    assert.equal(await verifyCaseTrail(db, caseId), undefined);
    const revealed = await clerk.request('POST', `/api/cases/${caseId}/personal/phone/reveal`);
    assert.deepEqual(revealed.json(), { field: 'phone', value: '13912345678' });
    const [counts] = rowsOf<{ personal: number; indexed: number; waiting: number; events: number }>(
      await db.execute(sql`select (select count(*)::int from case_personal where case_id = ${caseId}) as personal,
        (select count(*)::int from person_index where case_id = ${caseId}) as indexed,
        (select count(*)::int from work_items where case_id = ${caseId} and user_id = ${clerk.user.id}) as waiting,
        (select count(*)::int from case_events where case_id = ${caseId}) as events`),
    );
    assert.deepEqual(counts, { personal: 3, indexed: 2, waiting: 1, events: 1 });
  });

  test('reserveSerials: one statement (its own transaction, committed lazily), consecutive numbers, the session left committing durably', async () => {
    const db = t.database.db;
    recording = [];
    const first = await reserveSerials(db, { kind: 'test_reserve', year: 2026, count: 3 });
    const next = await reserveSerials(db, { kind: 'test_reserve', year: 2026, count: 1 });
    const seen = recording;
    recording = undefined;
    assert.deepEqual([first, next], [1, 4]);
    assert.equal(seen.length, 2, seen.join('\n'));
    assert.ok(seen.every((text) => /^insert into "case_serials"/.test(text)), seen.join('\n'));
    // The lazy commit was the reservation's alone: the next statement on the connection commits durably again.
    const [setting] = rowsOf<{ value: string }>(await db.execute(sql`select current_setting('synchronous_commit') as value`));
    assert.equal(setting!.value, 'on');
    await assert.rejects(db.transaction((tx) => reserveSerials(tx, { kind: 'test_reserve', year: 2026, count: 1 })), /transaction of its own/);
  });

  test('case detail: at most 4 statements, the session included, on a case with links, 传阅, 催办, clocks and an extension', async () => {
    const scene = await buildDetailScene(t);
    const read = async (who: Who, caseId: string) => {
      recording = [];
      const response = await who.request('GET', `/api/cases/${caseId}`);
      const seen = recording.filter((text) => !/^(begin|commit|rollback)\b/i.test(text));
      recording = undefined;
      assert.equal(response.statusCode, 200, response.body);
      return seen;
    };
    const { clerk, leader, liaisonA, liaisonB, liaisonC, standIn, x, y, bare } = scene;
    for (const [name, who, caseId] of [
      ['office', clerk, x],
      ['leader', leader, x],
      ['lead unit', liaisonA, x],
      ['co-unit', liaisonB, x],
      ['传阅 only', liaisonC, x],
      ['lead unit, other case', liaisonA, y],
      ['office, bare case', clerk, bare],
    ] as const) {
      const statements = await read(who, caseId);
      assert.ok(statements.length <= 4, `${name}: ${statements.length} statements\n${statements.join('\n')}`);
    }
    // AB角 adds the two reads of who the reader stands in for (identitiesOf), not more.
    const delegated = await read(standIn, x);
    assert.ok(delegated.length <= 6, `stand-in: ${delegated.length} statements\n${delegated.join('\n')}`);
  });
});

