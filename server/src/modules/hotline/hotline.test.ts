/**
 * The 12345 工单 through the routes on a real database: intake with the category and 街乡 checked and the
 * caller masked; 直接办结 only for a 咨询; 派单 → 退单 citing the unit's 职责清单 (anything else refused) →
 * 改派 by 派单 again (the returning unit then sees it no more: 404, not in its ledger or 待办) → 签收 late (the 签收 clock says so) → 延期 asked and approved → 办结答复 →
 * 回访 不满意 → 重办 with a new clock → 回访 满意 → 办结; 经典案例 once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actingAs, buildUnit, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type Actor = Awaited<ReturnType<typeof actingAs>>;
type Clock = { clockId: string; assignmentId: string | null; unitName: string | null; state: string; due: string | null; isLate: boolean | null };
const at = (instant: string) => t.clock.set(new Date(instant));
const again = (who: Actor) => sessionFor(t.app, who.user);
const detailOf = async (who: Actor, caseId: string) => (await who.request('GET', `/api/cases/${caseId}`)).json();
const act = async (who: Actor, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const detail = await detailOf(who, caseId);
  return who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...body });
};
const ok = async (who: Actor, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const response = await act(who, caseId, action, body);
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
  return response;
};

const ticketFields = (overrides: Record<string, unknown> = {}) => ({
  channel: '电话',
  ticketType: '投诉',
  category: '城市管理/路灯照明',
  callerName: '王小明',
  callerPhone: '13912345678',
  address: '东街 12 号门口',
  content: '东街 12 号门口路灯连续三晚不亮，夜里行人看不清路。',
  urgency: '一般',
  ...overrides,
});

const setup = async () => {
  const db = t.database.db;
  const street = await buildUnit(db, { type: 'township', name: `东街街道${Math.random().toString(36).slice(2, 6)}` });
  const bureau = await buildUnit(db, { type: 'department', name: `城市管理局${Math.random().toString(36).slice(2, 6)}` });
  const center = await actingAs(t.app, db, ['hotline_staff']);
  for (const [unit, item] of [
    [street.id, '辖区内背街小巷照明设施的日常巡查'],
    [bureau.id, '城市道路路灯的建设和维护（背街小巷照明属街道）'],
  ] as const) {
    const created = await center.request('POST', '/api/records/hotline_duty', { fields: { item }, unitId: unit });
    assert.equal(created.statusCode, 201, created.body);
  }
  return { db, street, bureau, center };
};

describe('12345 工单', () => {
  test('intake checks the category and the 街乡, masks the caller; 直接办结 is for a 咨询 only', async () => {
    const { street, center } = await setup();
    const wrongCategory = await center.request('POST', '/api/cases', { kind: 'ticket', fields: ticketFields({ category: '城市管理/不存在' }) });
    assert.equal(wrongCategory.statusCode, 400);
    const wrongArea = await center.request('POST', '/api/cases', { kind: 'ticket', fields: ticketFields({ area: '不存在街道' }) });
    assert.equal(wrongArea.statusCode, 400);

    const created = await center.request('POST', '/api/cases', { kind: 'ticket', fields: ticketFields({ area: street.name }) });
    assert.equal(created.statusCode, 200, created.body);
    const id = created.json().id as string;
    const detail = await detailOf(center, id);
    assert.equal(detail.fields.callerPhone, '139****5678');
    assert.equal(detail.fields.callerName, '王**');
    assert.equal(detail.state, 'registered');
    const refused = await act(center, id, 'direct_close', { answer: '已答复' });
    assert.equal(refused.statusCode, 422, '投诉 cannot be closed on the spot');

    const consult = await center.request('POST', '/api/cases', { kind: 'ticket', fields: ticketFields({ ticketType: '咨询', category: '政务服务/政策咨询', content: '新生儿医保怎么办理？' }) });
    const consultId = consult.json().id as string;
    await ok(center, consultId, 'direct_close', { answer: '出生后三个月内到社区服务中心办理。' });
    const closed = await detailOf(center, consultId);
    assert.equal(closed.state, 'answered_on_spot');
    assert.equal(closed.isClosed, true);
  });

  test('派单 → 退单 (职责清单) → 改派 → 签收 late → 延期 → 办结答复 → 不满意重办 with a new clock → 回访 满意', async () => {
    let { street, bureau, center } = await setup();
    const db = t.database.db;
    at('2026-03-06T16:00:00+08:00'); // a Friday
    center = await again(center);
    const id = (await center.request('POST', '/api/cases', { kind: 'ticket', fields: ticketFields() })).json().id as string;
    await ok(center, id, 'assign', { units: [{ unitId: bureau.id, role: 'lead' }] });

    let bureauLiaison = await actingAs(t.app, db, ['liaison'], { unitId: bureau.id });
    let detail = await detailOf(bureauLiaison, id);
    const bureauAssignment = detail.assignments[0].id as string;
    const notListed = await act(bureauLiaison, id, 'unit_return', { assignmentId: bureauAssignment, dutyItem: '不归我们管', reason: '非本单位职责' });
    assert.equal(notListed.statusCode, 400, 'a 退单 must cite the 职责清单');
    const otherUnits = await act(bureauLiaison, id, 'unit_return', { assignmentId: bureauAssignment, dutyItem: '辖区内背街小巷照明设施的日常巡查', reason: '属街道' });
    assert.equal(otherUnits.statusCode, 400, 'another unit’s line is not this unit’s reason');
    await ok(bureauLiaison, id, 'unit_return', { assignmentId: bureauAssignment, dutyItem: '城市道路路灯的建设和维护（背街小巷照明属街道）', reason: '东街 12 号为背街小巷，属街道' });
    detail = await detailOf(center, id);
    assert.equal(detail.fields.returnCount, 1);
    // The bureau answered within its 2 working hours: its 签收 clock stopped in time; no handling clock ran.
    const bureauClocks = (detail.clocks as Clock[]).filter((clock) => clock.assignmentId === bureauAssignment);
    assert.equal(bureauClocks.find((clock) => clock.clockId === 'assignment.sign')!.isLate, false);
    assert.equal(bureauClocks.find((clock) => clock.clockId === 'assignment.lead')!.state, 'pending');

    // Awaiting the center's ruling, the bureau still sees what it returned (the center may send it back).
    const ledgerHas = async (who: Actor) => ((await who.request('GET', '/api/hotline/tickets')).json().rows as Array<{ id: string }>).some((row) => row.id === id);
    const todoHas = async (who: Actor) => ((await who.request('GET', '/api/inbox')).json() as Array<{ caseId: string }>).some((item) => item.caseId === id);
    assert.equal((await bureauLiaison.request('GET', `/api/cases/${id}`)).statusCode, 200);
    assert.equal(await ledgerHas(bureauLiaison), true);

    // The center rules: 改派 to the 街道.
    await ok(center, id, 'assign', { units: [{ unitId: street.id, role: 'lead' }], comment: '退单理由成立，改派东街街道' });
    // Now it is the 街道's ticket: the bureau's 联络员 finds it nowhere, and its page is a 404 like any ticket out of scope.
    assert.equal((await bureauLiaison.request('GET', `/api/cases/${id}`)).statusCode, 404);
    assert.equal(await ledgerHas(bureauLiaison), false);
    assert.equal(await todoHas(bureauLiaison), false);
    const current = (await detailOf(center, id)).version;
    assert.equal((await bureauLiaison.request('POST', `/api/cases/${id}/actions/sign`, { version: current, assignmentId: bureauAssignment })).statusCode, 404);
    // Signed for on Monday at 10:00, after its 09:00 due time.
    at('2026-03-09T10:00:00+08:00');
    center = await again(center);
    let streetLiaison = await actingAs(t.app, db, ['liaison'], { unitId: street.id });
    assert.equal(await todoHas(streetLiaison), true, '签收 waits in the 街道’s 待办');
    assert.equal(await ledgerHas(streetLiaison), true);
    detail = await detailOf(streetLiaison, id);
    const streetAssignment = (detail.assignments as Array<{ id: string; unitId: string }>).find((row) => row.unitId === street.id)!.id;
    await ok(streetLiaison, id, 'sign', { assignmentId: streetAssignment });
    detail = await detailOf(center, id);
    const streetClocks = (detail.clocks as Clock[]).filter((clock) => clock.assignmentId === streetAssignment);
    assert.equal(streetClocks.find((clock) => clock.clockId === 'assignment.sign')!.isLate, true);
    // 投诉: 13 working days from the 签收 day (Mar 9) → Mar 26.
    assert.equal(streetClocks.find((clock) => clock.clockId === 'assignment.lead')!.due, '2026-03-26');

    await ok(streetLiaison, id, 'ask_extension', { assignmentId: streetAssignment, extension: { amount: 2, reason: '需更换灯杆' } });
    await ok(center, id, 'grant_extension', { assignmentId: streetAssignment, comment: '同意' });
    detail = await detailOf(center, id);
    assert.equal((detail.clocks as Clock[]).find((clock) => clock.assignmentId === streetAssignment && clock.clockId === 'assignment.lead')!.due, '2026-03-30');

    at('2026-03-12T10:00:00+08:00');
    [center, streetLiaison] = [await again(center), await again(streetLiaison)];
    await ok(streetLiaison, id, 'reply', { assignmentId: streetAssignment, reply: '已更换灯泡，路灯恢复照明。' });
    assert.equal((await detailOf(center, id)).state, 'replied');

    at('2026-03-13T10:00:00+08:00'); // Friday
    center = await again(center);
    await ok(center, id, 'redo', { resolved: '未解决', comment: '群众反映第二晚又不亮' });
    detail = await detailOf(center, id);
    assert.equal(detail.state, 'handling');
    assert.equal(detail.fields.redoCount, 1);
    assert.equal(detail.fields.lastVisit.result, '不满意');
    assert.equal(detail.fields.lastVisit.unitId, street.id);
    const redone = (detail.clocks as Clock[]).find((clock) => clock.assignmentId === streetAssignment && clock.clockId === 'assignment.lead')!;
    assert.equal(redone.state, 'running');
    assert.equal(redone.due, '2026-04-01', 'a new 13 working days from the 重办 (Mar 13)');

    at('2026-03-16T10:00:00+08:00');
    [center, streetLiaison] = [await again(center), await again(streetLiaison)];
    await ok(streetLiaison, id, 'reply', { assignmentId: streetAssignment, reply: '已更换线路，连续观察三晚正常。' });
    await ok(center, id, 'revisit', { result: '满意', resolved: '已解决', comment: '群众表示满意' });
    detail = await detailOf(center, id);
    assert.equal(detail.state, 'closed');
    assert.equal(detail.isClosed, true);
    assert.equal(detail.fields.visits.length, 2);

    await ok(center, id, 'case_study', { writeUp: '退单一次即改派到位，重办后彻底解决。' });
    assert.equal((await act(center, id, 'case_study', { writeUp: '再来一次' })).statusCode, 422);
  });

  test('a 联络员 of another unit neither sees nor acts on the ticket; a unit may not 派单', async () => {
    const { db, bureau, center } = await setup();
    const id = (await center.request('POST', '/api/cases', { kind: 'ticket', fields: ticketFields() })).json().id as string;
    await ok(center, id, 'assign', { units: [{ unitId: bureau.id, role: 'lead' }] });
    const stranger = await actingAs(t.app, db, ['liaison']);
    assert.equal((await stranger.request('GET', `/api/cases/${id}`)).statusCode, 404);
    const liaison = await actingAs(t.app, db, ['liaison'], { unitId: bureau.id });
    const dispatch = await act(liaison, id, 'assign', { units: [{ unitId: bureau.id, role: 'lead' }] });
    assert.equal(dispatch.statusCode, 403);
  });
});
