/**
 * 申请延期 by the unit, answered by the office: 同意 extends the assignment's clock within the kind's cap
 * (领导批示件: twice, 20 working days in all), 不同意 leaves it; a request waiting is the office's 待办.
 */
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

const ask = (amount: number, reason = '需补充实地调研') => ({ extension: { amount, reason } });

describe('申请延期 and the office’s answer', () => {
  test('asked, shown in the office’s 待办, granted: the clock moves by the days asked; refused: it stays', async () => {
    const cast = await castOf(t);
    await moveTo(t, cast, '2026-11-02T09:00:00'); // a Monday
    const caseId = await assignedCase(cast, [{ unitId: cast.unitA.id, role: 'lead' }, { unitId: cast.unitB.id, role: 'assist' }]);
    await ok(cast.liaisonA, caseId, 'sign');
    await ok(cast.liaisonB, caseId, 'sign');
    let detail = await detailOf(cast.clerk, caseId);
    const a = assignmentOf(detail, cast.unitA.id);
    assert.equal(a.dueDate, '2026-11-16');
    assert.ok(!(await inboxLabels(cast.clerk, caseId)).includes('审批延期申请'));

    await moveTo(t, cast, '2026-11-10T10:00:00');
    await ok(cast.liaisonA, caseId, 'ask_extension', ask(3));
    detail = await detailOf(cast.clerk, caseId);
    assert.equal(assignmentOf(detail, cast.unitA.id).dueDate, '2026-11-16', 'asking moves nothing');
    assert.ok((await inboxLabels(cast.clerk, caseId)).includes('审批延期申请'));
    // Answered per assignment: only unit A's request is there to answer.
    for (const action of ['grant_extension', 'refuse_extension']) {
      assert.deepEqual(detail.actions.filter((item) => item.action === action).map((item) => item.assignmentId), [a.id]);
    }
    // One request at a time: the unit's button is offered disabled, with the reason.
    const again = (await detailOf(cast.liaisonA, caseId)).actions.find((item) => item.action === 'ask_extension');
    assert.equal(again?.blockedReason, '已有延期申请等待审批');
    assert.equal((await act(cast.liaisonA, caseId, 'ask_extension', ask(2))).statusCode, 422);

    await ok(cast.clerk, caseId, 'grant_extension', { assignmentId: a.id, comment: '同意' });
    detail = await detailOf(cast.clerk, caseId);
    // 11-16 plus 3 working days: 11-17, 18, 19.
    assert.equal(assignmentOf(detail, cast.unitA.id).dueDate, '2026-11-19');
    assert.equal(clockOf(detail, a.id).due, '2026-11-19');
    assert.equal(assignmentOf(detail, cast.unitB.id).dueDate, '2026-11-16', 'the other unit’s clock is its own');
    assert.ok(!(await inboxLabels(cast.clerk, caseId)).includes('审批延期申请'));
    const granted = await lastEventData(t, caseId, 'grant_extension');
    assert.deepEqual(granted?.extension, { amount: 3, reason: '需补充实地调研' });
    assert.equal(granted?.from, '2026-11-16');
    assert.equal(granted?.to, '2026-11-19');

    await ok(cast.liaisonA, caseId, 'ask_extension', ask(5, '再延一周'));
    assert.equal((await act(cast.clerk, caseId, 'refuse_extension', { assignmentId: a.id })).statusCode, 400, 'a refusal says why');
    await ok(cast.clerk, caseId, 'refuse_extension', { assignmentId: a.id, reason: '时限已延长过，请按期办结' });
    detail = await detailOf(cast.clerk, caseId);
    assert.equal(assignmentOf(detail, cast.unitA.id).dueDate, '2026-11-19');
    assert.ok(!(await inboxLabels(cast.clerk, caseId)).includes('审批延期申请'));
    assert.equal((await lastEventData(t, caseId, 'refuse_extension'))?.reason, '时限已延长过，请按期办结');

    // The cap (20 working days in all, twice) is checked when asked: 3 granted, 18 more cannot be.
    const over = await act(cast.liaisonA, caseId, 'ask_extension', ask(18));
    assert.equal(over.statusCode, 422);
    assert.match(over.json().message, /不得超过 20/);
    await ok(cast.liaisonA, caseId, 'ask_extension', ask(2));
    await ok(cast.clerk, caseId, 'grant_extension', { assignmentId: a.id });
    assert.equal(assignmentOf(await detailOf(cast.clerk, caseId), cast.unitA.id).dueDate, '2026-11-23'); // 11-20, then Monday 11-23
    const third = await act(cast.liaisonA, caseId, 'ask_extension', ask(1));
    assert.equal(third.statusCode, 422);
    assert.match(third.json().message, /最多延长 2 次/);
    assert.deepEqual(
      (await detailOf(cast.clerk, caseId)).events.map((event) => event.action).slice(4),
      ['ask_extension', 'grant_extension', 'ask_extension', 'refuse_extension', 'ask_extension', 'grant_extension'],
    );
    assert.equal(await verifyCaseTrail(t.database.db, caseId), undefined);
  });

  test('only the unit asks for itself, only the office answers; bad input 400 and a stale version 409 write nothing', async () => {
    const cast = await castOf(t);
    await moveTo(t, cast, '2026-11-02T09:00:00');
    const caseId = await assignedCase(cast, [{ unitId: cast.unitA.id, role: 'lead' }, { unitId: cast.unitB.id, role: 'assist' }]);
    await ok(cast.liaisonA, caseId, 'sign');
    const before = await detailOf(cast.clerk, caseId);
    const a = assignmentOf(before, cast.unitA.id);
    // Unit B has signed nothing yet: no 申请延期 for it, and none on A's behalf either.
    assert.equal((await act(cast.liaisonB, caseId, 'ask_extension', { assignmentId: a.id, ...ask(3) })).statusCode, 403);
    await ok(cast.liaisonB, caseId, 'sign');
    const forOther = await act(cast.liaisonB, caseId, 'ask_extension', { assignmentId: a.id, ...ask(3) });
    assert.equal(forOther.statusCode, 403, forOther.body);
    const stranger = await cast.liaisonC.request('POST', `/api/cases/${caseId}/actions/ask_extension`, { version: before.version + 2, ...ask(3) });
    assert.equal(stranger.statusCode, 404, 'a unit not on the case does not see it');
    assert.equal((await act(cast.clerk, caseId, 'ask_extension', ask(3))).statusCode, 403, 'the office extends with 延期, it does not ask');
    const current = await detailOf(cast.clerk, caseId);
    assert.equal((await act(cast.liaisonA, caseId, 'ask_extension', ask(0))).statusCode, 400);
    assert.equal((await act(cast.liaisonA, caseId, 'ask_extension', { extension: { amount: 3 } })).statusCode, 400);
    const stale = await cast.liaisonA.request('POST', `/api/cases/${caseId}/actions/ask_extension`, { version: current.version - 1, ...ask(3) });
    assert.equal(stale.statusCode, 409);
    const unchanged = await detailOf(cast.clerk, caseId);
    assert.equal(unchanged.version, current.version);
    assert.equal(unchanged.events.length, current.events.length);
    assert.ok(!(await inboxLabels(cast.clerk, caseId)).includes('审批延期申请'));

    await ok(cast.liaisonA, caseId, 'ask_extension', ask(3));
    // Nothing asked by unit B: nothing of B's to grant. The unit cannot grant its own.
    const b = assignmentOf(unchanged, cast.unitB.id);
    assert.equal((await act(cast.clerk, caseId, 'grant_extension', { assignmentId: b.id })).statusCode, 422);
    assert.equal((await act(cast.liaisonA, caseId, 'grant_extension', { assignmentId: a.id })).statusCode, 403);
    const asked = await detailOf(cast.clerk, caseId);
    const staleGrant = await cast.clerk.request('POST', `/api/cases/${caseId}/actions/grant_extension`, { version: asked.version - 1, assignmentId: a.id });
    assert.equal(staleGrant.statusCode, 409);
    assert.equal(assignmentOf(await detailOf(cast.clerk, caseId), cast.unitA.id).dueDate, '2026-11-16');
  });
});

test('every kind with unit work offers 撤回, 改派, 申请延期 and the answers to it', async () => {
  const cast = await castOf(t);
  for (const kind of ['instruction', 'incoming', 'petition', 'disclosure']) {
    const actions = ((await cast.clerk.request('GET', `/api/kinds/${kind}/actions`)).json() as Array<{ action: string }>).map((item) => item.action);
    for (const action of ['recall', 'reassign', 'ask_extension', 'grant_extension', 'refuse_extension']) assert.ok(actions.includes(action), `${kind} ${action}`);
  }
});
