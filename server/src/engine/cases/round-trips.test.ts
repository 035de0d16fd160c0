/**
 * What one action costs in statements (issue: at most 6 round trips for the action itself): the assignments
 * an effect writes come back from its own UPDATE/INSERT (RETURNING), not from a second read, and the due
 * columns ride in the clocks' save statement. Counted on the statements drizzle sends, BEGIN/COMMIT left out,
 * on both databases; a change that adds a round trip to every action fails here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/test-db.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { buildDetailScene } from './case-detail.fixture.js';

let recording: string[] | undefined;
let t: TestContext;
before(async () => {
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
