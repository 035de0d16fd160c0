/**
 * A kind's returnedSight: with 'endsOnRedispatch', a unit that returned its 交办 keeps sight of the case until the
 * office gives it to another unit (交办 or 改派), then sees it no more — ledger, case page (404), 待办, the unit
 * filter — until it is given the case again; with the default ('kept', every kind but 12345's) the returning
 * unit keeps sight as before. case_unit_visibility stays what the assignments say. Both kinds are declared here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { safeLine } from '../../../../common/schemas/primitives.js';
import { rowsOf } from '../../platform/db.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { unitsInput } from '../inputs/standard.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import { listKinds, registerKind } from '../kinds/registry.js';
import { unitWorkTransitions } from '../kinds/standard.js';

const office = ['clerk'] as const;
const Fields = z.object({ subject: safeLine().min(1) });
const kindOf = (id: string, returnedSight?: 'endsOnRedispatch'): KindDefinition<typeof Fields> => ({
  id,
  label: `退回可见性测试件${id}`,
  fields: Fields,
  titleOf: (fields) => fields.subject,
  searchTextOf: (fields) => fields.subject,
  states: { open: '办理中' },
  initialState: 'open',
  roles: { create: office, view: office },
  transitions: [
    { action: 'assign', label: '交办', from: ['open'], to: null, actor: { roles: office }, effect: 'assign', input: { units: unitsInput() } },
    ...unitWorkTransitions({ from: ['open'], office }),
  ],
  serial: (year, seq) => `见〔${year}〕${seq}号`,
  // The units' 待办 as a 12345 ticket has them: 签收 and 办理 on their open assignments.
  waitingOn: ({ assignments }) =>
    assignments.flatMap((a) => (a.state === 'pending' ? [{ unitId: a.unitId, assignmentId: a.id, label: '签收' }] : a.state === 'in_progress' ? [{ unitId: a.unitId, assignmentId: a.id, label: '办理' }] : [])),
  metrics: [],
  ...(returnedSight ? { returnedSight } : {}),
});
const ending = kindOf('sightends', 'endsOnRedispatch');
const keeping = kindOf('sightkept');
for (const kind of [ending, keeping]) if (!listKinds().some((known) => known.id === kind.id)) registerKind(kind);

let t: TestContext;
type Actor = Awaited<ReturnType<typeof actingAs>>;
let clerk: Actor;
let units: Array<{ id: string }>;
let liaisons: Actor[];

before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-03T09:00:00+08:00'));
  const db = t.database.db;
  clerk = await actingAs(t.app, db, ['clerk']);
  units = [await buildUnit(db), await buildUnit(db), await buildUnit(db)];
  liaisons = [];
  for (const unit of units) liaisons.push(await actingAs(t.app, db, ['liaison'], { unitId: unit.id }));
});
after(() => t.close());

const act = async (who: Actor, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  t.clock.advance(60_000);
  const detail = (await who.request('GET', `/api/cases/${caseId}`)).json();
  const assignmentId = (detail.assignments as Array<{ id: string; unitId: string }> | undefined)?.find((a) => a.unitId === who.user.unitId)?.id;
  const response = await who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...(assignmentId && who !== clerk ? { assignmentId } : {}), ...body });
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
};
const register = async (kind: string) => {
  const response = await clerk.request('POST', '/api/cases', { kind, fields: { subject: `${kind} 第${Math.random().toString(36).slice(2, 6)}件` } });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().id as string;
};
const give = (caseId: string, unit: { id: string }) => act(clerk, caseId, 'assign', { units: [{ unitId: unit.id, role: 'lead' }] });
const giveBack = (who: Actor, caseId: string) => act(who, caseId, 'unit_return', { reason: '不属于本单位职责' });

/** What one 联络员 sees of a case: its page, its ledger row, its 待办. */
const sightOf = async (who: Actor, caseId: string, kind: string) => {
  const page = (await who.request('GET', `/api/cases/${caseId}`)).statusCode;
  const ledger = (await who.request('GET', `/api/cases?kind=${kind}&limit=100`)).json() as { items: Array<{ id: string }> };
  const inbox = (await who.request('GET', '/api/inbox')).json() as Array<{ caseId: string }>;
  return { page, inLedger: ledger.items.some((item) => item.id === caseId), inInbox: inbox.some((item) => item.caseId === caseId) };
};
const seen = { page: 200, inLedger: true, inInbox: false };
const unseen = { page: 404, inLedger: false, inInbox: false };

/** The table agrees with the rule it is kept by: a unit sees through an assignment not withdrawn whose sight has not ended. */
const assertTableFollowsAssignments = async () => {
  const pairs = async (query: SQL) => rowsOf<{ unit_id: string; case_id: string }>(await t.database.db.execute(query)).map((row) => `${row.unit_id}/${row.case_id}`).sort();
  const table = await pairs(sql`select unit_id, case_id from case_unit_visibility`);
  const rule = await pairs(sql`select distinct unit_id, case_id from assignments where state <> 'withdrawn' and sight_ended_at is null`);
  assert.deepEqual(table, rule);
};

describe('returnedSight', () => {
  test('endsOnRedispatch: the returning unit sees the case until it goes to another unit, then not at all; given back, it sees it again', async () => {
    const [a, b, c] = units as [{ id: string }, { id: string }, { id: string }];
    const [liaisonA, liaisonB, liaisonC] = liaisons as [Actor, Actor, Actor];
    const caseId = await register(ending.id);
    await give(caseId, a);
    assert.deepEqual(await sightOf(liaisonA, caseId, ending.id), { ...seen, inInbox: true }, '待签收 in its 待办');
    await giveBack(liaisonA, caseId);
    assert.deepEqual(await sightOf(liaisonA, caseId, ending.id), seen, 'returned, awaiting the office: still in sight, nothing to do');

    // The office gives it to B (the return accepted): A sees it no more — page 404, not in its ledger nor 待办.
    await give(caseId, b);
    assert.deepEqual(await sightOf(liaisonA, caseId, ending.id), unseen);
    assert.deepEqual(await sightOf(liaisonB, caseId, ending.id), { ...seen, inInbox: true });
    const byUnit = (await clerk.request('GET', `/api/cases?kind=${ending.id}&unit=${a.id}`)).json() as { items: Array<{ id: string }> };
    assert.ok(!byUnit.items.some((item) => item.id === caseId), 'the office’s filter by A no longer lists it');
    const trail = (await clerk.request('GET', `/api/cases/${caseId}`)).json().events as Array<{ action: string; data: { returnedSightEnded?: string[] } | null }>;
    assert.deepEqual(trail.at(-1)?.data?.returnedSightEnded, [a.id], 'the trail says whose sight ended');
    await assertTableFollowsAssignments();

    // B signs for it; the office 改派s B's open assignment to C.
    await act(liaisonB, caseId, 'sign');
    await act(clerk, caseId, 'reassign', { assignmentId: (await clerk.request('GET', `/api/cases/${caseId}`)).json().assignments.find((x: { unitId: string }) => x.unitId === b.id).id, unitId: c.id, reason: '属C单位' });
    assert.deepEqual(await sightOf(liaisonB, caseId, ending.id), unseen, '改派 withdraws the open one, as for every kind');
    assert.deepEqual(await sightOf(liaisonC, caseId, ending.id), { ...seen, inInbox: true });
    // The page decides who is at work by the flag, not by the state's label: returned (A) and withdrawn (B) no longer stand.
    const standing = ((await clerk.request('GET', `/api/cases/${caseId}`)).json().assignments as Array<{ unitId: string; isStanding: boolean }>).map((x) => [x.unitId, x.isStanding] as const);
    assert.deepEqual(new Map(standing), new Map([[a.id, false], [b.id, false], [c.id, true]]));

    // Given back to A (one row per unit and case, given afresh): A sees it again.
    await giveBack(liaisonC, caseId);
    await give(caseId, a);
    assert.deepEqual(await sightOf(liaisonA, caseId, ending.id), { ...seen, inInbox: true });
    assert.deepEqual(await sightOf(liaisonC, caseId, ending.id), unseen, 'and C, which returned it, no longer does');
    await assertTableFollowsAssignments();
  });

  test('endsOnRedispatch: a return not accepted (given back to the same unit) costs it no sight', async () => {
    const [a] = units as [{ id: string }];
    const [liaisonA] = liaisons as [Actor];
    const caseId = await register(ending.id);
    await give(caseId, a);
    await giveBack(liaisonA, caseId);
    await give(caseId, a);
    assert.deepEqual(await sightOf(liaisonA, caseId, ending.id), { ...seen, inInbox: true });
    await assertTableFollowsAssignments();
  });

  test('kept (the default): a unit that returned the case still sees it after it went to another unit', async () => {
    const [a, b] = units as [{ id: string }, { id: string }];
    const [liaisonA, liaisonB] = liaisons as [Actor, Actor];
    const caseId = await register(keeping.id);
    await give(caseId, a);
    await giveBack(liaisonA, caseId);
    await give(caseId, b);
    assert.deepEqual(await sightOf(liaisonA, caseId, keeping.id), seen);
    assert.deepEqual(await sightOf(liaisonB, caseId, keeping.id), { ...seen, inInbox: true });
    const trail = (await clerk.request('GET', `/api/cases/${caseId}`)).json().events as Array<{ data: Record<string, unknown> | null }>;
    assert.ok(!trail.some((event) => event.data && 'returnedSightEnded' in event.data));
    await assertTableFollowsAssignments();
  });
});
