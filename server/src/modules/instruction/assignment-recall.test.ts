/** 撤回: the office withdraws a unit's open assignment with a reason; its 待办 and clock stop. */
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

describe('撤回 an assignment', () => {
  test('offered per open assignment; the unit’s 待办 and clock stop; the trail says why', async () => {
    const cast = await castOf(t);
    await moveTo(t, cast, '2026-11-02T09:00:00'); // a Monday
    const caseId = await assignedCase(cast, [{ unitId: cast.unitA.id, role: 'lead' }, { unitId: cast.unitB.id, role: 'assist' }]);
    await ok(cast.liaisonA, caseId, 'sign');
    let detail = await detailOf(cast.clerk, caseId);
    const a = assignmentOf(detail, cast.unitA.id);
    const b = assignmentOf(detail, cast.unitB.id);
    // One 撤回 button per open assignment, named by its unit (撤回（住建局…）).
    const offered = detail.actions.filter((item) => item.action === 'recall');
    assert.deepEqual(offered.map((item) => item.assignmentId).sort(), [a.id, b.id].sort());
    assert.ok(offered.every((item) => item.assignmentUnitName));
    assert.deepEqual(await inboxLabels(cast.liaisonB, caseId), ['签收']);

    await moveTo(t, cast, '2026-11-03T10:00:00');
    await ok(cast.clerk, caseId, 'recall', { assignmentId: b.id, reason: '经核实不涉及住建局职责' });
    detail = await detailOf(cast.clerk, caseId);
    assert.equal(assignmentOf(detail, cast.unitB.id).state, '已撤回');
    assert.equal(assignmentOf(detail, cast.unitA.id).state, '办理中');
    assert.deepEqual(await inboxLabels(cast.liaisonB, caseId), []);
    assert.equal(clockOf(detail, b.id).state, 'stopped');
    assert.equal(clockOf(detail, a.id).state, 'running');
    const data = await lastEventData(t, caseId, 'recall');
    assert.equal(data?.reason, '经核实不涉及住建局职责');
    assert.equal(data?.assignmentId, b.id);
    assert.match(String(data?.unitName), /^住建局/);
    // Withdrawn: nothing more to withdraw, and the unit has nothing to do.
    assert.ok(!detail.actions.some((item) => item.action === 'recall' && item.assignmentId === b.id));
    assert.equal((await act(cast.clerk, caseId, 'recall', { assignmentId: b.id, reason: '再撤一次' })).statusCode, 422);
    // The unit's view of the case went with its assignment.
    assert.equal((await cast.liaisonB.request('GET', `/api/cases/${caseId}`)).statusCode, 404);
    assert.equal(await verifyCaseTrail(t.database.db, caseId), undefined);
  });

  test('a 联络员 cannot 撤回; no reason is 400 and a stale version 409, writing nothing', async () => {
    const cast = await castOf(t);
    await moveTo(t, cast, '2026-11-02T09:00:00'); // a Monday
    const caseId = await assignedCase(cast);
    const detail = await detailOf(cast.clerk, caseId);
    const a = assignmentOf(detail, cast.unitA.id);
    assert.equal((await act(cast.liaisonA, caseId, 'recall', { assignmentId: a.id, reason: '本单位不想办' })).statusCode, 403);
    const noReason = await act(cast.clerk, caseId, 'recall', { assignmentId: a.id });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.json().message, /撤回理由/);
    const stale = await cast.clerk.request('POST', `/api/cases/${caseId}/actions/recall`, { version: detail.version - 1, assignmentId: a.id, reason: '理由' });
    assert.equal(stale.statusCode, 409);
    const after = await detailOf(cast.clerk, caseId);
    assert.equal(after.version, detail.version);
    assert.equal(after.events.length, detail.events.length);
    assert.equal(assignmentOf(after, cast.unitA.id).state, '待签收');
    assert.deepEqual(await inboxLabels(cast.liaisonA, caseId), ['签收']);
  });
});
