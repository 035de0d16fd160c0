import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { caseEvents, cases } from '../../db/schema/index.js';
import { verifyCaseTrail } from '../../engine/cases/trail.js';
import { buildUnit, buildUser, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type User = Awaited<ReturnType<typeof buildUser>>;
type Session = Awaited<ReturnType<typeof sessionFor>>;

/** Moves the test clock (Beijing time) and signs the people in again: a session idles out over weeks. */
const at = (instant: string) => t.clock.set(new Date(`${instant}+08:00`));
const as = (user: User): Promise<Session> => sessionFor(t.app, user);

const cast = async () => {
  const db = t.database.db;
  const office = await buildUnit(db, { name: '信访科', type: 'section' });
  const unit = await buildUnit(db, { name: `住建局${Math.random().toString(16).slice(2, 6)}` });
  return {
    unit,
    clerk: await buildUser(db, { roles: ['clerk'], unitId: office.id }),
    director: await buildUser(db, { roles: ['director'], unitId: office.id }),
    liaison: await buildUser(db, { roles: ['liaison'], unitId: unit.id }),
  };
};

const visit = {
  channel: '来访',
  visitors: 6,
  petitionerName: '王建国',
  phone: '13912345678',
  idNumber: '11010519491231002X',
  address: '示例市城东区幸福路 8 号',
  summary: '反映幸福小区加装电梯补贴迟迟未发放，请求尽快落实。',
  receivedOn: '2026-06-01',
};

const register = async (who: User, fields: Record<string, unknown>) => {
  const response = await (await as(who)).request('POST', '/api/cases', { kind: 'petition', fields });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { id: string; serialNo: string };
};

const detailOf = async (who: User, caseId: string) => (await (await as(who)).request('GET', `/api/cases/${caseId}`)).json();

const act = async (who: User, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const session = await as(who);
  const detail = (await session.request('GET', `/api/cases/${caseId}`)).json();
  return session.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...body });
};

const ok = async (who: User, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const response = await act(who, caseId, action, body);
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
};

type ClockRow = { clockId: string; assignmentId: string | null; state: string; due: string | null; isLate: boolean | null };
const clockOf = (detail: { clocks: ClockRow[] }, clockId: string) => detail.clocks.find((clock) => clock.clockId === clockId && clock.assignmentId === null)!;
const offered = (detail: { actions: Array<{ action: string }> }) => detail.actions.map((item) => item.action);

describe('信访件 from registration to 复核', () => {
  test('受理 15 日, 答复 60 日 + 30, 复查 and 复核 each 30 日, then never again', async () => {
    const { unit, clerk, director, liaison } = await cast();
    at('2026-06-01T09:00:00'); // Monday
    const created = await register(clerk, visit);
    assert.match(created.serialNo, /^信〔2026〕\d+号$/);
    let detail = await detailOf(clerk, created.id);
    assert.equal(detail.state, 'registered');
    assert.equal(detail.fields.isCollective, true, '6 人来访 is a 集体访');
    // 15 日 from 登记 2026-06-01, the start day not counted: Tuesday 2026-06-16.
    assert.equal(clockOf(detail, 'accept_notice').due, '2026-06-16');
    assert.equal(clockOf(detail, 'answer').state, 'pending');

    at('2026-06-03T10:00:00');
    await ok(clerk, created.id, 'accept', { comment: '属于本机关职权范围，予以受理' });
    detail = await detailOf(clerk, created.id);
    assert.equal(clockOf(detail, 'accept_notice').state, 'stopped');
    assert.equal(clockOf(detail, 'accept_notice').isLate, false);
    // 60 日 from 受理 2026-06-03 ends Sunday 2026-08-02: the period moves to Monday 2026-08-03.
    assert.equal(clockOf(detail, 'answer').due, '2026-08-03');
    assert.equal(detail.dueDate, '2026-08-03');

    // The extension: only the director approves it, once, up to 30 日, with a reason.
    const extension = { extension: { amount: 30, reason: '涉及多个部门，情况复杂' } };
    assert.equal((await act(clerk, created.id, 'extend_answer', extension)).statusCode, 403);
    assert.equal((await act(director, created.id, 'extend_answer', { extension: { amount: 31, reason: '过长' } })).statusCode, 400);
    assert.equal((await act(director, created.id, 'extend_answer', { extension: { amount: 30 } })).statusCode, 400);
    await ok(director, created.id, 'extend_answer', extension);
    detail = await detailOf(clerk, created.id);
    // 90 日 from 2026-06-03: Tuesday 2026-09-01.
    assert.equal(clockOf(detail, 'answer').due, '2026-09-01');
    const again = await act(director, created.id, 'extend_answer', { extension: { amount: 1, reason: '再延一日' } });
    assert.equal(again.statusCode, 422, again.body);
    assert.match(again.json().message, /最多延长 1 次/);

    // 交办: the unit signs, answers, and its answer is accepted before the office answers the petitioner.
    await ok(clerk, created.id, 'assign', { units: [{ unitId: unit.id, role: 'lead' }], comment: '请核实补贴发放情况' });
    assert.equal((await act(clerk, created.id, 'answer', { opinion: '过早' })).statusCode, 422);
    await ok(liaison, created.id, 'sign');
    await ok(liaison, created.id, 'reply', { reply: '经核实，补贴已于 7 月 15 日拨付到小区账户。' });
    detail = await detailOf(clerk, created.id);
    await ok(clerk, created.id, 'accept_reply', { assignmentId: detail.assignments[0].id, satisfaction: 'satisfied' });
    at('2026-07-20T15:00:00');
    await ok(clerk, created.id, 'answer', { opinion: '经核实，补贴已拨付，请与小区业委会联系领取。' });
    detail = await detailOf(clerk, created.id);
    assert.equal(detail.state, 'answered');
    assert.equal(detail.isClosed, false, 'open while the petitioner may still ask for 复查');
    assert.equal(detail.fields.answeredOn, '2026-07-20');
    assert.equal(clockOf(detail, 'answer').isLate, false);

    // 复查: asked within 30 日 of the answer (2026-07-20 → 2026-08-19), not later, not in the future.
    at('2026-08-25T09:00:00');
    const late = await act(clerk, created.id, 'request_review', { requestedOn: '2026-08-20', request: '补贴金额不对' });
    assert.equal(late.statusCode, 400, late.body);
    assert.match(late.json().message, /2026-08-19/);
    assert.equal((await act(clerk, created.id, 'request_review', { requestedOn: '2026-08-26', request: '补贴金额不对' })).statusCode, 400);
    await ok(clerk, created.id, 'request_review', { requestedOn: '2026-08-19', request: '补贴金额与政策规定不符' });
    detail = await detailOf(clerk, created.id);
    assert.equal(detail.state, 'reviewing');
    // 30 日 from receiving the request on 2026-08-19: Friday 2026-09-18.
    assert.equal(clockOf(detail, 'review').due, '2026-09-18');
    at('2026-09-07T09:00:00');
    await ok(clerk, created.id, 'answer_review', { opinion: '经复查，补贴金额符合规定，维持原答复意见。' });
    detail = await detailOf(clerk, created.id);
    assert.equal(detail.state, 'reviewed');
    assert.equal(clockOf(detail, 'review').isLate, false);
    assert.ok(!offered(detail).includes('request_review'), 'a second 复查 is never offered');
    assert.equal((await act(clerk, created.id, 'request_review', { requestedOn: '2026-09-07', request: '再查' })).statusCode, 422);

    // 复核: 30 日 from the 复查意见 of 2026-09-07 ends Wednesday 2026-10-07, inside the 国庆 holiday:
    // it moves to the next working day, so a request received on 2026-10-08 is in time.
    at('2026-10-09T09:00:00');
    assert.equal((await act(clerk, created.id, 'request_recheck', { requestedOn: '2026-10-09', request: '不服复查意见' })).statusCode, 400);
    await ok(clerk, created.id, 'request_recheck', { requestedOn: '2026-10-08', request: '不服复查意见，请求复核' });
    detail = await detailOf(clerk, created.id);
    assert.equal(clockOf(detail, 'recheck').due, '2026-11-09'); // 2026-11-07 is a Saturday
    at('2026-10-30T09:00:00');
    await ok(director, created.id, 'answer_recheck', { opinion: '经复核，维持复查意见。' });
    detail = await detailOf(clerk, created.id);
    assert.equal(detail.state, 'rechecked');
    assert.equal(detail.isClosed, true);

    // After 复核 the same facts are not taken up again: not offered, and refused with the reason.
    assert.ok(!offered(detail).includes('request_review') && !offered(detail).includes('request_recheck'));
    for (const action of ['request_review', 'request_recheck']) {
      const refused = await act(clerk, created.id, action, { requestedOn: '2026-10-30', request: '同一事实再次请求' });
      assert.equal(refused.statusCode, 422, refused.body);
      assert.match(refused.json().message, /终结意见.*不再受理/);
    }
    assert.deepEqual(
      detail.events.map((event: { action: string }) => event.action),
      ['create', 'accept', 'extend_answer', 'assign', 'sign', 'reply', 'accept_reply', 'answer', 'request_review', 'answer_review', 'request_recheck', 'answer_recheck'],
    );
    assert.equal(await verifyCaseTrail(t.database.db, created.id), undefined);
  });

  test('不予受理 is the written notice within 15 日 and closes the case', async () => {
    const { clerk } = await cast();
    at('2026-06-01T09:00:00');
    const created = await register(clerk, { ...visit, channel: '转办', visitors: undefined, referredBy: '巡视组转办', referralRef: '巡转〔2026〕12号' });
    at('2026-06-18T09:00:00');
    assert.equal((await act(clerk, created.id, 'refuse', {})).statusCode, 400);
    await ok(clerk, created.id, 'refuse', { reason: '已经或者依法应当通过诉讼途径解决' });
    const detail = await detailOf(clerk, created.id);
    assert.equal(detail.state, 'not_accepted');
    assert.equal(detail.isClosed, true);
    assert.equal(detail.fields.isCollective, false);
    // Due 2026-06-16, given 2026-06-18: late, and the register says so.
    assert.equal(clockOf(detail, 'accept_notice').due, '2026-06-16');
    assert.equal(clockOf(detail, 'accept_notice').isLate, true);
  });

  test('a 联络员 of the unit sees the petitioner masked and cannot reveal; the clerk can', async () => {
    const { unit, clerk, liaison } = await cast();
    at('2026-06-01T09:00:00');
    const created = await register(clerk, visit);
    await ok(clerk, created.id, 'accept');
    await ok(clerk, created.id, 'assign', { units: [{ unitId: unit.id, role: 'lead' }] });
    const seen = await detailOf(liaison, created.id);
    assert.equal(seen.fields.phone, '139****5678');
    assert.equal(seen.fields.petitionerName, '王**');
    assert.ok(!JSON.stringify(seen).includes('13912345678') && !JSON.stringify(seen).includes('王建国'));
    assert.equal((await (await as(liaison)).request('POST', `/api/cases/${created.id}/personal/phone/reveal`)).statusCode, 403);
    const revealed = await (await as(clerk)).request('POST', `/api/cases/${created.id}/personal/phone/reveal`);
    assert.equal(revealed.statusCode, 200, revealed.body);
    assert.equal(revealed.json().value, '13912345678');
  });

  test('numbers the petitioner gave in the 诉求摘要 are masked in the row and the title, shown whole to the clerk only', async () => {
    const { unit, clerk, liaison } = await cast();
    at('2026-06-01T09:00:00');
    const summary = '反映其子（身份证110105200801010011，电话13698765432）入学被拒，请求核查。';
    const created = await register(clerk, { ...visit, summary });
    await ok(clerk, created.id, 'accept');
    await ok(clerk, created.id, 'assign', { units: [{ unitId: unit.id, role: 'lead' }] });
    const seen = await detailOf(liaison, created.id);
    assert.equal(seen.fields.summary, '反映其子（身份证1101**********0011，电话136****5432）入学被拒，请求核查。');
    assert.match(seen.title, /身份证1101\*{10}0011/);
    assert.ok(!/110105200801010011|13698765432/.test(JSON.stringify(seen)));
    assert.equal((await (await as(liaison)).request('POST', `/api/cases/${created.id}/personal/summary/reveal`)).statusCode, 403);
    assert.equal((await (await as(clerk)).request('POST', `/api/cases/${created.id}/personal/summary/reveal`)).json().value, summary);
    const [row] = await t.database.db.select({ title: cases.title, searchText: cases.searchText, fields: cases.fields }).from(cases).where(eq(cases.id, created.id));
    assert.ok(!/110105200801010011|13698765432/.test(JSON.stringify(row)));
  });

  test('bad input is a 400 naming the field, and changes nothing', async () => {
    const { clerk } = await cast();
    at('2026-06-01T09:00:00');
    const before = async () => (await t.database.db.select({ n: count() }).from(cases).where(eq(cases.kind, 'petition')))[0]!.n;
    const total = await before();
    const session = await as(clerk);
    const bad = [
      { ...visit, visitors: undefined }, // 来访 without 人次
      { ...visit, channel: '转办', visitors: undefined }, // 转办 without its source
      { ...visit, channel: '来信' }, // 人次 on a letter
      { ...visit, receivedOn: '2026-02-30' },
      { ...visit, channel: '传真' },
    ];
    for (const fields of bad) {
      const response = await session.request('POST', '/api/cases', { kind: 'petition', fields });
      assert.equal(response.statusCode, 400, JSON.stringify(fields));
    }
    assert.equal(await before(), total);

    const created = await register(clerk, visit);
    const version = (await detailOf(clerk, created.id)).version;
    const events = async () => (await t.database.db.select({ n: count() }).from(caseEvents).where(eq(caseEvents.caseId, created.id)))[0]!.n;
    const trail = await events();
    const refused = await act(clerk, created.id, 'refuse', { reason: '' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().message, /不予受理理由/);
    const detail = await detailOf(clerk, created.id);
    assert.equal(detail.version, version);
    assert.equal(detail.state, 'registered');
    assert.equal(await events(), trail);
  });
});
