/** 改派: the office moves an open assignment to another unit in one action (old withdrawn, new given with its clock). */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyCaseTrail } from '../../engine/cases/trail.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { act, assignedCase, assignmentOf, castOf, clockOf, detailOf, inboxLabels, lastEventData, moveTo, ok } from './assignment-fixture.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

describe('改派 an assignment', () => {
  test('the old unit’s work stops, the new unit gets the role, a fresh clock and the 待办; the trail names both', async () => {
    const cast = await castOf(t);
    await moveTo(t, cast, '2026-11-02T09:00:00'); // a Monday
    const caseId = await assignedCase(cast);
    await ok(cast.liaisonA, caseId, 'sign');
    let detail = await detailOf(cast.clerk, caseId);
    const a = assignmentOf(detail, cast.unitA.id);
    assert.equal(a.dueDate, '2026-11-16'); // 10 working days from Monday 11-02

    await moveTo(t, cast, '2026-11-04T10:00:00'); // Wednesday
    await ok(cast.clerk, caseId, 'reassign', { assignmentId: a.id, unitId: cast.unitC.id, reason: '该事项属教育局职责' });
    detail = await detailOf(cast.clerk, caseId);
    assert.equal(assignmentOf(detail, cast.unitA.id).state, '已撤回');
    const c = assignmentOf(detail, cast.unitC.id);
    assert.equal(c.state, '待签收');
    assert.equal(c.role, 'lead');
    // From Wednesday 11-04, the day itself not counted: 11-05, 06, 09–13, 16, 17, 18 → 11-18.
    assert.equal(c.dueDate, '2026-11-18');
    assert.equal(clockOf(detail, c.id).due, '2026-11-18');
    assert.equal(clockOf(detail, c.id).state, 'running');
    assert.equal(clockOf(detail, a.id).state, 'stopped');
    assert.deepEqual(await inboxLabels(cast.liaisonC, caseId), ['签收']);
    assert.deepEqual(await inboxLabels(cast.liaisonA, caseId), []);
    const data = await lastEventData(t, caseId, 'reassign');
    assert.equal(data?.reason, '该事项属教育局职责');
    assert.match(String(data?.unitName), /^发改委/);
    assert.match(String(data?.toUnitName), /^教育局/);
    assert.deepEqual(detail.events.map((event) => event.action), ['create', 'assign', 'sign', 'reassign']);

    // The new unit works it as any 交办.
    await ok(cast.liaisonC, caseId, 'sign');
    await ok(cast.liaisonC, caseId, 'reply', { reply: '已研究提出意见。' });
    assert.equal(await verifyCaseTrail(t.database.db, caseId), undefined);
  });

  test('who may not, and what cannot be: 403, 400, 422, 409 — each writing nothing', async () => {
    const cast = await castOf(t);
    await moveTo(t, cast, '2026-11-02T09:00:00');
    const caseId = await assignedCase(cast, [{ unitId: cast.unitA.id, role: 'lead' }, { unitId: cast.unitB.id, role: 'assist' }]);
    const before = await detailOf(cast.clerk, caseId);
    const a = assignmentOf(before, cast.unitA.id);
    const reassign = (body: Record<string, unknown>) => act(cast.clerk, caseId, 'reassign', { assignmentId: a.id, ...body });
    assert.equal((await act(cast.liaisonA, caseId, 'reassign', { assignmentId: a.id, unitId: cast.unitC.id, reason: '理由' })).statusCode, 403);
    assert.equal((await reassign({ reason: '没选单位' })).statusCode, 400);
    assert.equal((await reassign({ unitId: cast.unitC.id })).statusCode, 400);
    assert.equal((await reassign({ unitId: cast.unitA.id, reason: '同一单位' })).statusCode, 400);
    assert.equal((await reassign({ unitId: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f', reason: '不存在的单位' })).statusCode, 400);
    const busy = await reassign({ unitId: cast.unitB.id, reason: 'B 已在办' });
    assert.equal(busy.statusCode, 422);
    assert.match(busy.json().message, /不能重复交办/);
    const stale = await cast.clerk.request('POST', `/api/cases/${caseId}/actions/reassign`, { version: before.version - 1, assignmentId: a.id, unitId: cast.unitC.id, reason: '理由' });
    assert.equal(stale.statusCode, 409);
    const after = await detailOf(cast.clerk, caseId);
    assert.equal(after.version, before.version);
    assert.equal(after.events.length, before.events.length);
    assert.deepEqual(after.assignments.map((item) => item.state).sort(), ['待签收', '待签收']);
    assert.deepEqual(await inboxLabels(cast.liaisonC, caseId), []);
  });
});
