/**
 * 重复工单: the same caller (by the phone's blind index: the row holds only its mask) or the same address, in
 * the same category, within 7 days, is linked and the agent told; outside the window or another category it
 * is not. 归并 closes it as 已归并 and the tickets metric counts it once; when the main ticket is answered and
 * closed (回访, 直接办结) — or if it already was — its answer is carried onto each ticket merged into it, and into
 * those in turn, with a trail event, so the merged caller's 回访 has it; that 回访 is on the center's 待办 until
 * recorded (回访（归并）), and is not counted again in the 满意率.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyCaseTrail } from '../../engine/cases/trail.js';
import { actingAs, buildUnit, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
type Actor = Awaited<ReturnType<typeof actingAs>>;
let center: Actor;
before(async () => {
  t = await startTestApp();
  center = await actingAs(t.app, t.database.db, ['hotline_staff']);
});
after(() => t.close());

const register = async (at: string, fields: Record<string, unknown>) => {
  t.clock.set(new Date(at));
  center = await sessionFor(t.app, center.user);
  const response = await center.request('POST', '/api/cases', {
    kind: 'ticket',
    fields: { channel: '电话', ticketType: '投诉', category: '城市管理/路灯照明', callerName: '赵六', content: '路灯不亮', ...fields },
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { id: string; serialNo: string; warnings: string[] };
};

describe('重复工单 and 归并', () => {
  test('same caller or address, same category, within the window: linked and told; merged: counted once', async () => {
    const first = await register('2026-05-04T09:00:00+08:00', { callerPhone: '13800001111', address: '南街 8 号' });
    assert.deepEqual(first.warnings, []);
    const sameCaller = await register('2026-05-08T09:00:00+08:00', { callerPhone: '138-0000-1111', content: '南街路灯还是不亮' });
    assert.equal(sameCaller.warnings.length, 1);
    assert.match(sameCaller.warnings[0]!, new RegExp(`${first.serialNo}（同一来电人）`));
    const sameAddress = await register('2026-05-09T09:00:00+08:00', { callerPhone: '13900002222', address: '南街 8 号' });
    assert.match(sameAddress.warnings[0] ?? '', new RegExp(`${first.serialNo}（同一地址）`));
    const otherCategory = await register('2026-05-09T10:00:00+08:00', { callerPhone: '13800001111', category: '生态环境/噪声扰民' });
    assert.deepEqual(otherCategory.warnings, []);
    const lateCaller = await register('2026-05-20T09:00:00+08:00', { callerPhone: '13800001111', address: '北街 1 号' });
    assert.deepEqual(lateCaller.warnings, [], 'past the 7 days of the first; the others are of another caller, address or category');

    const detail = (await center.request('GET', `/api/cases/${sameCaller.id}`)).json();
    assert.ok(JSON.stringify(detail.links).includes(first.id), 'linked to the earlier ticket');
    const merge = (into: string) => center.request('POST', `/api/cases/${sameCaller.id}/actions/merge`, { version: detail.version, into, comment: '同一来电人重复反映' });
    assert.equal((await merge(sameCaller.id)).statusCode, 400);
    assert.equal((await merge('00000000-0000-4000-8000-000000000000')).statusCode, 400);
    const merged = await merge(first.id);
    assert.equal(merged.statusCode, 200, merged.body);
    const after = (await center.request('GET', `/api/cases/${sameCaller.id}`)).json();
    assert.equal(after.state, 'merged');
    assert.equal(after.isClosed, true);
    assert.equal(after.fields.mergedInto.serialNo, first.serialNo);

    const tickets = (await center.request('GET', '/api/metrics/hotline.tickets?from=2026-05-01&to=2026-05-31')).json();
    assert.equal(tickets.value, 4, 'five registered, one merged: counted once');
    assert.equal(tickets.extra.merged, 1);
    // A ticket merged away takes no more tickets into it.
    const intoMerged = (await center.request('GET', `/api/cases/${sameAddress.id}`)).json();
    const refused = await center.request('POST', `/api/cases/${sameAddress.id}/actions/merge`, { version: intoMerged.version, into: sameCaller.id });
    assert.equal(refused.statusCode, 422);
  });

  test('the main ticket’s answer is carried to the tickets merged into it, and into those, when it closes', async () => {
    const db = t.database.db;
    const unit = await buildUnit(db, { type: 'department', name: `路灯所${Math.random().toString(36).slice(2, 6)}` });
    const main = await register('2026-07-06T09:00:00+08:00', { callerPhone: '13600001111', address: '西街 2 号' });
    const repeat = await register('2026-07-06T10:00:00+08:00', { callerPhone: '13600002222', address: '西街 2 号', callerName: '钱七' });
    const again = await register('2026-07-06T11:00:00+08:00', { callerPhone: '13600002222', address: '西街 2 号', callerName: '钱七' });
    const step = async (who: Actor, id: string, action: string, body: Record<string, unknown> = {}) => {
      const detail = (await who.request('GET', `/api/cases/${id}`)).json();
      const response = await who.request('POST', `/api/cases/${id}/actions/${action}`, { version: detail.version, ...body });
      assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
    };
    // The third call is merged into the second, then the second into the first: the answer must reach both.
    await step(center, again.id, 'merge', { into: repeat.id });
    await step(center, repeat.id, 'merge', { into: main.id });
    const before = (await center.request('GET', `/api/cases/${repeat.id}`)).json();
    assert.equal(before.fields.mergedAnswer, undefined);
    assert.ok(!before.actions.some((action: { action: string }) => action.action === 'merged_answer'), 'not a step anyone takes');
    const early = await center.request('POST', `/api/cases/${repeat.id}/actions/publish_reply`, { version: before.version });
    assert.equal(early.statusCode, 422, 'a phone caller was never asked about publishing');

    await step(center, main.id, 'assign', { units: [{ unitId: unit.id, role: 'lead' }] });
    const liaison = await actingAs(t.app, db, ['liaison'], { unitId: unit.id });
    const assignmentId = (await liaison.request('GET', `/api/cases/${main.id}`)).json().assignments[0].id as string;
    await step(liaison, main.id, 'sign', { assignmentId });
    await step(liaison, main.id, 'reply', { assignmentId, reply: '已修复西街 2 号路灯。' });
    assert.equal((await center.request('GET', `/api/cases/${repeat.id}`)).json().fields.mergedAnswer, undefined, 'replied, not yet closed: nothing carried');
    await step(center, main.id, 'redo', { resolved: '未解决', comment: '又坏了' });
    await step(liaison, main.id, 'reply', { assignmentId, reply: '已更换西街 2 号路灯线路，连续三晚正常。' });
    await step(center, main.id, 'revisit', { result: '满意', resolved: '已解决' });

    for (const merged of [repeat, again]) {
      const detail = (await center.request('GET', `/api/cases/${merged.id}`)).json();
      assert.equal(detail.state, 'merged');
      assert.equal(detail.fields.mergedAnswer.text, '已更换西街 2 号路灯线路，连续三晚正常。', 'the final answer, after the 重办');
      assert.equal(detail.fields.mergedAnswer.fromSerialNo, main.serialNo);
      assert.equal(detail.fields.mergedAnswer.unitName, unit.name);
      const event = detail.events.at(-1);
      assert.equal(event.action, 'merged_answer');
      assert.equal(event.actionLabel, '主工单办结答复');
      assert.match(event.comment, new RegExp(main.serialNo));
      assert.equal(event.data.mergedAnswer.text, '已更换西街 2 号路灯线路，连续三晚正常。');
    }
    const trail = (await center.request('GET', `/api/cases/${main.id}`)).json().events as Array<{ action: string; data: { answerCarriedTo?: string[] } | null }>;
    assert.deepEqual([...trail.at(-1)!.data!.answerCarriedTo!].sort(), [repeat.serialNo, again.serialNo].sort());
    for (const id of [main.id, repeat.id, again.id]) assert.equal(await verifyCaseTrail(db, id), undefined, 'each trail still chains and agrees with its case');

    const tickets = (await center.request('GET', '/api/metrics/hotline.tickets?from=2026-07-01&to=2026-07-31')).json();
    assert.equal(tickets.value, 1, 'three calls, counted once');
    assert.equal(tickets.extra.merged, 2);
  });

  test('merged into a ticket already answered (直接办结): the answer comes at once; a 直接办结 carries its answer too', async () => {
    const consult = { ticketType: '咨询', category: '政务服务/政策咨询', content: '新生儿医保怎么办？' };
    const step = async (id: string, action: string, body: Record<string, unknown> = {}) => {
      const detail = (await center.request('GET', `/api/cases/${id}`)).json();
      const response = await center.request('POST', `/api/cases/${id}/actions/${action}`, { version: detail.version, ...body });
      assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
    };
    const answered = await register('2026-08-03T09:00:00+08:00', { ...consult, callerPhone: '13500001111' });
    await step(answered.id, 'direct_close', { answer: '出生后三个月内到社区办理。' });
    const late = await register('2026-08-03T10:00:00+08:00', { ...consult, callerPhone: '13500001111' });
    await step(late.id, 'merge', { into: answered.id });
    let detail = (await center.request('GET', `/api/cases/${late.id}`)).json();
    assert.equal(detail.fields.mergedAnswer.text, '出生后三个月内到社区办理。');
    assert.equal(detail.fields.mergedAnswer.unitName, null);
    assert.equal(detail.events.at(-1).data.mergedAnswer.fromSerialNo, answered.serialNo, 'in the 归并 event itself');

    const open = await register('2026-08-04T09:00:00+08:00', { ...consult, callerPhone: '13500002222' });
    const repeat = await register('2026-08-04T10:00:00+08:00', { ...consult, callerPhone: '13500002222' });
    await step(repeat.id, 'merge', { into: open.id });
    await step(open.id, 'direct_close', { answer: '可在医保网上办理。' });
    detail = (await center.request('GET', `/api/cases/${repeat.id}`)).json();
    assert.equal(detail.fields.mergedAnswer.text, '可在医保网上办理。');
    assert.equal(detail.events.at(-1).action, 'merged_answer');
  });
  test('each merged caller is called back: 回访（归并） on the center’s 待办 once the answer comes, until recorded; not in the 满意率', async () => {
    const db = t.database.db;
    const step = async (who: Actor, id: string, action: string, body: Record<string, unknown> = {}) => {
      const detail = (await who.request('GET', `/api/cases/${id}`)).json();
      return who.request('POST', `/api/cases/${id}/actions/${action}`, { version: detail.version, ...body });
    };
    const ok = async (who: Actor, id: string, action: string, body: Record<string, unknown> = {}) => {
      const response = await step(who, id, action, body);
      assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
    };
    const visitsWaiting = async () => {
      center = await sessionFor(t.app, center.user);
      const inbox = (await center.request('GET', '/api/inbox')).json() as Array<{ caseId: string; label: string }>;
      return inbox.filter((item) => item.label === '回访').map((item) => item.caseId);
    };
    const unit = await buildUnit(db, { type: 'department', name: `路灯所${Math.random().toString(36).slice(2, 6)}` });
    const main = await register('2026-09-07T09:00:00+08:00', { callerPhone: '13300001111', address: '东街 5 号' });
    const repeat = await register('2026-09-07T10:00:00+08:00', { callerPhone: '13300002222', address: '东街 5 号', callerName: '吴九', mayPublish: true });
    await ok(center, repeat.id, 'merge', { into: main.id });
    assert.ok(!(await visitsWaiting()).includes(repeat.id), 'no answer yet: nothing to call back about');
    assert.equal((await step(center, repeat.id, 'merged_revisit', { result: '满意' })).statusCode, 422, 'the main ticket is not answered yet');

    await ok(center, main.id, 'assign', { units: [{ unitId: unit.id, role: 'lead' }] });
    const liaison = await actingAs(t.app, db, ['liaison'], { unitId: unit.id });
    const assignmentId = (await liaison.request('GET', `/api/cases/${main.id}`)).json().assignments[0].id as string;
    await ok(liaison, main.id, 'sign', { assignmentId });
    await ok(liaison, main.id, 'reply', { assignmentId, reply: '东街 5 号路灯已修复。' });
    assert.ok((await visitsWaiting()).includes(main.id), 'the main caller’s 回访');
    await ok(center, main.id, 'revisit', { result: '满意', resolved: '已解决' });
    let waiting = await visitsWaiting();
    assert.ok(!waiting.includes(main.id));
    assert.ok(waiting.includes(repeat.id), 'the merged caller is on the center’s 回访 list');
    // Another step on the closed, merged ticket (公开答复) keeps its 回访 waiting.
    await ok(center, repeat.id, 'publish_reply');
    assert.ok((await visitsWaiting()).includes(repeat.id));

    const listed = (await center.request('GET', `/api/cases/${repeat.id}`)).json();
    assert.ok(listed.actions.some((action: { action: string }) => action.action === 'merged_revisit'));
    const asUnit = await liaison.request('POST', `/api/cases/${repeat.id}/actions/merged_revisit`, { version: listed.version, result: '满意' });
    assert.equal(asUnit.statusCode, 404, 'not the unit’s: it never had this ticket');
    await ok(center, repeat.id, 'merged_revisit', { result: '不满意', resolved: '未解决', comment: '说路灯又灭了' });
    const after = (await center.request('GET', `/api/cases/${repeat.id}`)).json();
    assert.equal(after.state, 'merged');
    assert.equal(after.isClosed, true);
    assert.equal(after.fields.mergedVisit.result, '不满意');
    assert.equal(after.fields.mergedVisit.resolved, '未解决');
    assert.equal(after.events.at(-1).action, 'merged_revisit');
    assert.equal(after.events.at(-1).actionLabel, '回访（归并）');
    assert.ok(!(await visitsWaiting()).includes(repeat.id), 'recorded: off the list');
    assert.equal((await step(center, repeat.id, 'merged_revisit', { result: '满意' })).statusCode, 422, 'once');
    assert.equal(await verifyCaseTrail(db, repeat.id), undefined);

    const satisfaction = (await center.request('GET', '/api/metrics/hotline.satisfactionRate?from=2026-09-01&to=2026-09-30')).json();
    assert.deepEqual(satisfaction.parts, { 满意: 1, 基本满意: 0, 不满意: 0, 未联系上: 0 }, 'the merged ticket counts once, with its main ticket');

    // Merged into a ticket already closed: the answer and the 回访 come at once.
    const late = await register('2026-09-08T09:00:00+08:00', { callerPhone: '13300003333', address: '东街 5 号' });
    await ok(center, late.id, 'merge', { into: main.id });
    waiting = await visitsWaiting();
    assert.ok(waiting.includes(late.id));
    await ok(center, late.id, 'merged_revisit', { result: '未联系上' });
    assert.ok(!(await visitsWaiting()).includes(late.id));
  });
});
