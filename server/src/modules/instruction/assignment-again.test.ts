/** A unit that returned the item (退回) may be given it again: by 交办, or by 改派 from another unit; its clock starts afresh. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyCaseTrail } from '../../engine/cases/trail.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { act, assignedCase, assignmentOf, castOf, clockOf, detailOf, inboxLabels, moveTo, ok } from './assignment-fixture.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

describe('again after 退回', () => {
  test('交办 again: the same assignment, pending, with a clock from the new 交办 and the 待办 back', async () => {
    const cast = await castOf(t);
    await moveTo(t, cast, '2026-11-02T09:00:00'); // a Monday
    const caseId = await assignedCase(cast);
    await ok(cast.liaisonA, caseId, 'unit_return', { reason: '请先明确牵头范围' });
    let detail = await detailOf(cast.clerk, caseId);
    const a = assignmentOf(detail, cast.unitA.id);
    assert.equal(a.state, '已退回');
    assert.equal(clockOf(detail, a.id).state, 'stopped');
    assert.deepEqual(await inboxLabels(cast.liaisonA, caseId), []);

    await moveTo(t, cast, '2026-11-04T10:00:00'); // Wednesday
    await ok(cast.clerk, caseId, 'assign', { units: [{ unitId: cast.unitA.id, role: 'lead', instruction: '牵头范围为城东片区' }] });
    detail = await detailOf(cast.clerk, caseId);
    const again = assignmentOf(detail, cast.unitA.id);
    assert.equal(again.id, a.id, 'one assignment per unit and case, given again');
    assert.equal(again.state, '待签收');
    // 10 working days from Wednesday 11-04, not from the first 交办: 11-18.
    assert.equal(again.dueDate, '2026-11-18');
    assert.equal(clockOf(detail, a.id).state, 'running');
    assert.equal(clockOf(detail, a.id).due, '2026-11-18');
    assert.deepEqual(await inboxLabels(cast.liaisonA, caseId), ['签收']);
    // Given again, it is open: not a third time.
    const twice = await act(cast.clerk, caseId, 'assign', { units: [{ unitId: cast.unitA.id, role: 'lead' }] });
    assert.equal(twice.statusCode, 422);
    await ok(cast.liaisonA, caseId, 'sign');
    await ok(cast.liaisonA, caseId, 'reply', { reply: '已按城东片区范围研究提出意见。' });
    assert.deepEqual(detail.events.map((event) => event.action), ['create', 'assign', 'unit_return', 'assign']);
    assert.equal(await verifyCaseTrail(t.database.db, caseId), undefined);
  });

  test('改派 to a unit that returned it earlier gives that unit the moved role and a fresh clock', async () => {
    const cast = await castOf(t);
    await moveTo(t, cast, '2026-11-02T09:00:00');
    const caseId = await assignedCase(cast, [{ unitId: cast.unitA.id, role: 'lead' }, { unitId: cast.unitB.id, role: 'assist' }]);
    await ok(cast.liaisonB, caseId, 'unit_return', { reason: '协办事项不明确' });
    await moveTo(t, cast, '2026-11-04T10:00:00');
    const a = assignmentOf(await detailOf(cast.clerk, caseId), cast.unitA.id);
    await ok(cast.clerk, caseId, 'reassign', { assignmentId: a.id, unitId: cast.unitB.id, reason: '改由住建局牵头' });
    const detail = await detailOf(cast.clerk, caseId);
    const b = assignmentOf(detail, cast.unitB.id);
    assert.equal(b.state, '待签收');
    assert.equal(b.role, 'lead');
    assert.equal(b.dueDate, '2026-11-18');
    assert.equal(clockOf(detail, b.id).state, 'running');
    assert.deepEqual(await inboxLabels(cast.liaisonB, caseId), ['签收']);
  });
});
