/**
 * 信访件 deadlines, case by case, as an examiner would check them. The rule (《信访工作条例》, 2022):
 * - 受理: written notice of whether it is accepted within 15 日 of receiving the 信访事项;
 * - 办理: 办结 within 60 日 of 受理; if complex, extended with the 负责人's approval by at most 30 日;
 * - 复查: asked within 30 日 of receiving the written answer; the 复查意见 within 30 日 of receiving the request;
 * - 复核: asked within 30 日 of receiving the 复查意见; the 复核意见 within 30 日 of receiving the request.
 * 日 are calendar days, not working days: the 条例 says 日 where the 政府信息公开条例 says 工作日. The counting is
 * the 民法典's (第二百零一条 to 第二百零三条, which apply where the 条例 says nothing): the start day is not
 * counted, and a period whose last day is a rest day (a weekend or a statutory holiday) ends on the next working
 * day. A 调休 Saturday is a working day, so a period ending on it ends on it. An extension adds its 日 to the
 * period as the 条例 sets it, not to a last day already moved off a weekend (the earlier date: the reading an
 * office can always defend).
 * Calendars: 2024 is a leap year; 2026 春节 02-15…02-23 off, 02-14 and 02-28 (Sat) worked; 国庆 10-01…10-07 off,
 * 10-10 (Sat) worked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildUnit, buildUser } from '../../../test/factories.js';
import { deadlineSteps, type Person } from '../../../test/deadline-cases.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
let steps: ReturnType<typeof deadlineSteps>;
let clerk: Person;
let director: Person;
let liaison: Person;
let unitId = '';
before(async () => {
  t = await startTestApp();
  steps = deadlineSteps(t);
  const db = t.database.db;
  const office = await buildUnit(db, { name: '信访科', type: 'section' });
  const unit = await buildUnit(db, { name: '住建局' });
  unitId = unit.id;
  clerk = await buildUser(db, { roles: ['clerk'], unitId: office.id });
  director = await buildUser(db, { roles: ['director'], unitId: office.id });
  liaison = await buildUser(db, { roles: ['liaison'], unitId: unit.id });
});
after(() => t.close());

const letter = (receivedOn: string) => ({
  channel: '来信',
  petitionerName: '王建国',
  phone: '13912345678',
  summary: '反映幸福小区加装电梯补贴迟迟未发放，请求尽快落实。',
  receivedOn,
});

/** Registered, accepted, handled by the unit and answered at `answeredAt`. */
const answered = async (answeredAt: string): Promise<string> => {
  const day = answeredAt.slice(0, 10);
  steps.at(`${day}T08:40`);
  const id = await steps.register(clerk, 'petition', letter(day));
  await steps.ok(clerk, id, 'accept');
  await steps.ok(clerk, id, 'assign', { units: [{ unitId, role: 'lead' }] });
  await steps.ok(liaison, id, 'sign');
  await steps.ok(liaison, id, 'reply', { reply: '经核实，补贴已拨付。' });
  const assignmentId = (await steps.detailOf(clerk, id)).assignments[0].id as string;
  await steps.ok(clerk, id, 'accept_reply', { assignmentId, satisfaction: 'satisfied' });
  steps.at(answeredAt);
  await steps.ok(clerk, id, 'answer', { opinion: '经核实，补贴已拨付，请与小区业委会联系领取。' });
  return id;
};

describe('信访件：受理告知 15 日 from receipt', () => {
  const rows: Array<{ name: string; receivedOn: string; due: string; line?: string }> = [
    // 09-16 + 15 = 10-01, inside 国庆 (10-01…07): the next working day.
    { name: 'received Wednesday 09-16: day 15 is 10-01, moved past 国庆 to 10-08', receivedOn: '2026-09-16', due: '2026-10-08', line: '期限最后一日 2026-10-01 为休息日，依《民法典》第二百零三条顺延至 2026-10-08' },
    // 02-06 + 15 = 02-21, a Saturday inside 春节 (02-15…23): Tue 02-24.
    { name: 'received Friday 02-06: day 15 is a Saturday inside 春节, moved to 02-24', receivedOn: '2026-02-06', due: '2026-02-24' },
    // 01-30 + 15 = 02-14, a Saturday worked (调休): it stays.
    { name: 'received Friday 01-30: day 15 is the 调休 Saturday 02-14, a working day, so it stays', receivedOn: '2026-01-30', due: '2026-02-14' },
    // 2025-12-31 + 15 = 2026-01-15 (Thu); 元旦 in between does not stop calendar days.
    { name: 'received on 12-31: calendar days run through 元旦 to 01-15', receivedOn: '2025-12-31', due: '2026-01-15' },
    // 2026-10-03 (a holiday) + 15 = 10-18, a Sunday: Mon 10-19.
    { name: 'received during 国庆 on 10-03: counted from that day, day 15 a Sunday → 10-19', receivedOn: '2026-10-03', due: '2026-10-19' },
    // 12-17 + 15 = 2027-01-01, 元旦 by the 放假办法 even before 2027's notice; then a weekend → Mon 01-04.
    { name: 'received 2026-12-17: day 15 is 元旦 2027 → 2027-01-04', receivedOn: '2026-12-17', due: '2027-01-04' },
  ];
  for (const row of rows) {
    test(row.name, async () => {
      steps.at(`${row.receivedOn}T17:50`);
      const id = await steps.register(clerk, 'petition', letter(row.receivedOn));
      const clock = await steps.clockOf(clerk, id, 'accept_notice');
      assert.equal(clock.due, row.due, clock.lines.join('\n'));
      assert.ok(clock.lines.includes('规则：自登记之日起 15 日'), clock.lines.join('\n'));
      if (row.line) assert.ok(clock.lines.includes(row.line), clock.lines.join('\n'));
    });
  }
});

describe('信访件：办结 60 日 from 受理, extended by at most 30 日', () => {
  const rows: Array<{ name: string; acceptedAt: string; due: string; extendBy?: number; extended?: string }> = [
    // 08-03 → 08-31 (28), → 09-30 (58), → 10-02 (60), inside 国庆: 10-08.
    { name: 'accepted Monday 08-03: day 60 is 10-02, moved past 国庆 to 10-08', acceptedAt: '2026-08-03', due: '2026-10-08' },
    // 07-31 → 08-31 (31), → 09-29 (60), a Tuesday; +30 → 10-29 (Thu).
    { name: 'accepted Friday 07-31: 09-29, extended by 30 to 10-29', acceptedAt: '2026-07-31T17:30', due: '2026-09-29', extendBy: 30, extended: '2026-10-29' },
    // 08-12 → 09-12 (31), → 10-11 (60), a Sunday: Mon 10-12. Extended by 30 from day 60 (10-11), not from 10-12: 11-10 (Tue).
    { name: 'accepted 08-12: day 60 a Sunday → 10-12; the 30 日 extension runs from day 60 itself → 11-10', acceptedAt: '2026-08-12', due: '2026-10-12', extendBy: 30, extended: '2026-11-10' },
    // 03-31 → 04-30 (30), → 05-30 (60), a Saturday: Mon 06-01.
    { name: 'accepted 03-31: day 60 is Saturday 05-30 → 06-01', acceptedAt: '2026-03-31', due: '2026-06-01' },
    // Leap year: 01-05 → 02-05 (31), → 03-05 (60 with 02-29), a Tuesday.
    { name: 'leap year: accepted 2024-01-05, February has 29 days → 2024-03-05', acceptedAt: '2024-01-05', due: '2024-03-05' },
    // The same day in 2026: 01-05 → 02-05 (31), → 03-05 (59), 03-06 (60), a Friday.
    { name: 'the same in 2026, February of 28 days → 2026-03-06', acceptedAt: '2026-01-05', due: '2026-03-06' },
    // Accepted on the 调休 Saturday 02-28: → 03-28 (28), → 04-27 (58), 04-29 (60), a Wednesday.
    { name: 'accepted on the 调休 Saturday 02-28 → 04-29', acceptedAt: '2026-02-28', due: '2026-04-29' },
    // 12-11 → 2027-02-09 (60) … not used: 2027 has no arrangement yet. 2025-11-02 → 12-02 (30), → 12-31 (59), 2026-01-01 (60), 元旦: Mon 01-05? 01-04 is the 调休 Sunday, worked.
    { name: 'accepted 2025-11-02: day 60 is 元旦 2026-01-01; the next working day is the 调休 Sunday 01-04', acceptedAt: '2025-11-02', due: '2026-01-04' },
  ];
  for (const row of rows) {
    test(row.name, async () => {
      const day = row.acceptedAt.slice(0, 10);
      steps.at(`${day}T08:40`);
      const id = await steps.register(clerk, 'petition', letter(day));
      steps.at(row.acceptedAt);
      await steps.ok(clerk, id, 'accept');
      const clock = await steps.clockOf(clerk, id, 'answer');
      assert.equal(clock.due, row.due, clock.lines.join('\n'));
      if (row.extendBy) {
        await steps.ok(director, id, 'extend_answer', { extension: { amount: row.extendBy, reason: '涉及多个部门，情况复杂' } });
        const extended = await steps.clockOf(clerk, id, 'answer');
        assert.equal(extended.due, row.extended, extended.lines.join('\n'));
      }
    });
  }
});

describe('信访件：the extension is approved before the 60 日 run out', () => {
  test('accepted 07-31, due 09-29: extended on 09-29 to 10-29; another item past its day (09-30) cannot be extended', async () => {
    steps.at('2026-07-31T09:00');
    const onTime = await steps.register(clerk, 'petition', letter('2026-07-31'));
    const late = await steps.register(clerk, 'petition', letter('2026-07-31'));
    await steps.ok(clerk, onTime, 'accept');
    await steps.ok(clerk, late, 'accept');
    steps.at('2026-09-29T17:00');
    await steps.ok(director, onTime, 'extend_answer', { extension: { amount: 30, reason: '涉及多个部门，情况复杂' } });
    assert.equal((await steps.clockOf(clerk, onTime, 'answer')).due, '2026-10-29');
    steps.at('2026-09-30T09:00');
    const refused = await steps.act(director, late, 'extend_answer', { extension: { amount: 30, reason: '涉及多个部门，情况复杂' } });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.json().message, /答复期限已于 2026-09-29 届满/);
  });
});

describe('信访件：复查 and 复核, 30 日 each', () => {
  test('answered 09-01: the 复查 window ends 10-01, inside 国庆, so a request received 10-08 is in time and 10-09 is not; 复查意见 due 30 日 after 10-08 → 11-09 (11-07 a Saturday)', async () => {
    const id = await answered('2026-09-01T15:00');
    steps.at('2026-10-09T10:00');
    const late = await steps.act(clerk, id, 'request_review', { requestedOn: '2026-10-09', request: '补贴金额不对' });
    assert.equal(late.statusCode, 400, late.body);
    assert.match(late.json().message, /2026-10-08/);
    await steps.ok(clerk, id, 'request_review', { requestedOn: '2026-10-08', request: '补贴金额不对' });
    assert.equal((await steps.clockOf(clerk, id, 'review')).due, '2026-11-09');
  });

  test('复核 asked by letter received on Saturday 09-05: 30 日 → 10-05, inside 国庆 → 10-08', async () => {
    const id = await answered('2026-07-20T15:00');
    steps.at('2026-08-06T10:00');
    await steps.ok(clerk, id, 'request_review', { requestedOn: '2026-08-06', request: '补贴金额不对' });
    // 复查意见 due 08-06 + 30 = 09-05, a Saturday → Mon 09-07.
    assert.equal((await steps.clockOf(clerk, id, 'review')).due, '2026-09-07');
    steps.at('2026-08-20T10:00');
    await steps.ok(clerk, id, 'answer_review', { opinion: '维持原答复意见。' });
    steps.at('2026-09-07T09:00');
    await steps.ok(clerk, id, 'request_recheck', { requestedOn: '2026-09-05', request: '不服复查意见' });
    assert.equal((await steps.clockOf(clerk, id, 'recheck')).due, '2026-10-08');
  });

  test('the 30 日 run from the day the petitioner received the written answer: answered Mon 06-01, delivered Thu 06-04, a request received Fri 07-03 is in time', async () => {
    // From the answer: 06-01 + 30 = 07-01. From delivery (条例: 自收到书面答复之日起): 06-04 + 30 = 07-04, a Saturday → Mon 07-06.
    const id = await answered('2026-06-01T15:00');
    steps.at('2026-07-03T10:00');
    await steps.ok(clerk, id, 'request_review', { requestedOn: '2026-07-03', answerReceivedOn: '2026-06-04', request: '补贴金额不对' });
    // 复查意见: 07-03 + 30 = 08-02, a Sunday → Mon 08-03.
    assert.equal((await steps.clockOf(clerk, id, 'review')).due, '2026-08-03');
  });

  test('without a delivery date the window runs from the answer: answered 06-01, a request received 07-03 is late', async () => {
    const id = await answered('2026-06-01T15:00');
    steps.at('2026-07-03T10:00');
    const late = await steps.act(clerk, id, 'request_review', { requestedOn: '2026-07-03', request: '补贴金额不对' });
    assert.equal(late.statusCode, 400, late.body);
    assert.match(late.json().message, /2026-07-01/);
    // A delivery date before the answer is not a delivery.
    const before = await steps.act(clerk, id, 'request_review', { requestedOn: '2026-07-03', answerReceivedOn: '2026-05-30', request: '补贴金额不对' });
    assert.equal(before.statusCode, 400, before.body);
    assert.match(before.json().message, /信访人收到答复意见日期：不能早于答复日期 2026-06-01/);
  });
});
