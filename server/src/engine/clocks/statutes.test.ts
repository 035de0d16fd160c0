/**
 * Clock tables against the statutes. Every due date is counted by hand in the comment beside it,
 * on the State Council's 2025 and 2026 arrangements as the chinese-days data holds them:
 * 2025 国庆+中秋 10-01…10-08 off, 09-28 (Sun) and 10-11 (Sat) worked;
 * 2026 春节 02-15…02-23 off, 02-14 (Sat) and 02-28 (Sat) worked; 清明 04-04…04-06 off;
 * 劳动节 05-01…05-05 off, 05-09 (Sat) worked; 中秋 09-25…09-27 off; 国庆 10-01…10-07 off, 09-20 (Sun) and 10-10 (Sat) worked.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../platform/errors.js';
import { buildCalendar } from '../calendar/calendar.js';
import type { ClockEvent, ClockSpec } from './clock.types.js';
import { computeClocks } from './clock-set.js';
import { computeClock } from './compute.js';
import { describeClock } from './explain.js';
import { receivedAt } from './received.js';

const calendar = buildCalendar({ overrides: [] });

/** 《政府信息公开条例》: 20 工作日 from 收到申请之日; 补正 restarts; 第三方 time (≤ 15 工作日) not counted; one extension ≤ 20 工作日. */
const disclosureReply: ClockSpec = {
  id: 'reply',
  label: '答复期限',
  amount: 20,
  unit: 'workday',
  basis: '《政府信息公开条例》第三十三条',
  start: { field: 'receivedAt', label: '收到申请' },
  pauses: [
    { on: ['correctionRequested'], resumeOn: [], label: '补正' },
    { on: ['consult'], resumeOn: ['consulted'], label: '征求第三方意见', cap: { amount: 15, unit: 'workday' } },
  ],
  restartOn: ['correctionReceived'],
  extendOn: { action: 'extend', approverRoles: ['机关负责人'], maxTimes: 1, maxAmount: 20 },
  stopOn: ['reply'],
};
/** 补正 is notified once, in full, within 7 工作日: a clock side by side with the reply. */
const correctionNotice: ClockSpec = {
  id: 'correctionNotice',
  label: '补正告知期限',
  amount: 7,
  unit: 'workday',
  basis: '《政府信息公开条例》第三十条',
  start: { field: 'receivedAt', label: '收到申请' },
  stopOn: ['correctionRequested', 'accept', 'reply'],
};

// Posted on Friday 2026-03-06, signed for on Monday 2026-03-09: 收到日 is the Monday (第三十一条).
const byPost = receivedAt({ channel: 'post', submittedAt: '2026-03-06', signedForAt: '2026-03-09' });
const fields = { receivedAt: byPost };
const reply = (events: ClockEvent[], now?: string) =>
  computeClock({ spec: disclosureReply, events, calendar, fields, ...(now ? { now } : {}) });

const assertInvalidState = (run: () => unknown, message: RegExp) =>
  assert.throws(run, (error: unknown) => error instanceof AppError && error.code === 'INVALID_STATE' && message.test(error.message));

describe('《政府信息公开条例》', () => {
  test('by post: counted from the day signed for, 20 working days over 清明', () => {
    // From Mon 03-09 (not counted): 03-10…13 = 4, 03-16…20 = 9, 03-23…27 = 14, 03-30…04-03 = 19,
    // 04-04…04-06 off (清明), 04-07 = 20.
    const result = reply([], '2026-03-20');
    assert.equal(result.start, '2026-03-09');
    assert.equal(result.due, '2026-04-07');
    assert.equal(result.state, 'running');
    assert.deepEqual(result.remaining, { amount: 11, unit: 'workday' }); // 03-23 … 04-07 less 04-06
    const { explanation } = result;
    assert.equal(explanation.ruleText, '自收到申请之日起 20 个工作日');
    assert.match(explanation.start!.why, /以邮寄方式提交，2026-03-06 寄出，以签收之日 2026-03-09 为收到申请之日（《政府信息公开条例》第三十一条）/);
    assert.deepEqual(
      explanation.skippedRestDays.map((run) => [run.from, run.to, run.name]),
      [
        ['2026-03-14', '2026-03-15', null],
        ['2026-03-21', '2026-03-22', null],
        ['2026-03-28', '2026-03-29', null],
        ['2026-04-04', '2026-04-06', '清明节'],
      ],
    );
    assert.deepEqual(JSON.parse(JSON.stringify(explanation)), explanation); // plain JSON for jsonb
    const lines = describeClock(explanation);
    assert.ok(lines.includes('依据：《政府信息公开条例》第三十三条'), lines.join('\n'));
    assert.ok(lines.some((line) => line.includes('2026-04-04 至 2026-04-06 清明节（3 天）')), lines.join('\n'));
    assert.equal(lines.at(-1), '到期：2026-04-07');
  });

  test('in person and online: the day handed in, the day both confirm', () => {
    assert.equal(computeClock({ spec: disclosureReply, events: [], calendar, fields: { receivedAt: receivedAt({ channel: 'in_person', submittedAt: '2026-03-06' }) } }).due, '2026-04-03');
    const online = receivedAt({ channel: 'online', submittedAt: '2026-03-06', confirmedAt: '2026-03-10' });
    // From Tue 03-10: 03-11…13 = 3, … 04-03 = 18, 04-07 = 19, 04-08 = 20.
    assert.equal(computeClock({ spec: disclosureReply, events: [], calendar, fields: { receivedAt: online } }).due, '2026-04-08');
    assert.throws(() => receivedAt({ channel: 'post', submittedAt: '2026-03-06' }), /须填写签收日期/);
  });

  test('by the office’s fax: like online, the day both sides confirm (第三十一条第（三）项)', () => {
    const fax = receivedAt({ channel: 'fax', submittedAt: '2026-03-06', confirmedAt: '2026-03-10' });
    assert.deepEqual(typeof fax === 'object' && fax.at, '2026-03-10');
    assert.match(typeof fax === 'object' ? fax.why : '', /传真提交，以双方确认之日 2026-03-10 为收到申请之日/);
    assert.equal(computeClock({ spec: disclosureReply, events: [], calendar, fields: { receivedAt: fax } }).due, '2026-04-08');
    assert.throws(() => receivedAt({ channel: 'fax', submittedAt: '2026-03-06' }), /传真提交的申请须填写双方确认日期/);
  });

  test('补正 on working day 5, answered 9 days later: the clock restarts from the answer', () => {
    // Working days after Mon 03-09: 03-10 (1) … 03-13 (4), 03-16 (5): 补正 sent 03-16, answered Wed 03-25.
    const asked = { action: 'correctionRequested', at: '2026-03-16', reason: '补正：申请内容不明确' };
    const waiting = reply([asked], '2026-03-20');
    assert.equal(waiting.state, 'paused');
    assert.equal(waiting.due, null);
    assert.equal(waiting.pausedAt, '2026-03-16');

    const answered = reply([asked, { action: 'correctionReceived', at: '2026-03-25' }], '2026-03-26');
    // From Wed 03-25: 03-26, 03-27 = 2, 03-30…04-03 = 7, 04-06 off, 04-07…10 = 11, 04-13…17 = 16, 04-20…23 = 20.
    assert.equal(answered.start, '2026-03-25');
    assert.equal(answered.due, '2026-04-23');
    assert.equal(answered.state, 'running');
    assert.deepEqual(answered.explanation.restarts, [{ at: '2026-03-25', action: 'correctionReceived', reason: 'correctionReceived', previousStart: '2026-03-09' }]);
    assert.equal(answered.explanation.pauses[0]!.endedBy, 'restart');
    const lines = describeClock(answered.explanation).join('\n');
    assert.match(lines, /重新起算：2026-03-25.*此前自 2026-03-09 起已计算的期限作废/);
    assert.match(lines, /中止：2026-03-16 至 2026-03-25（补正：申请内容不明确），期限随后重新起算/);

    // The notice went out in time: the 7th working day after 03-09 is 03-18.
    const [notice] = computeClocks({ specs: [correctionNotice], events: [asked], calendar, fields });
    assert.equal(notice!.due, '2026-03-18');
    assert.equal(notice!.state, 'stopped');
    assert.deepEqual(notice!.explanation.stop, { at: '2026-03-16', action: 'correctionRequested', isInTime: true });
  });

  test('a third party consulted for 15 working days is not counted', () => {
    // Consulted on 03-16 (working day 5); the answer comes 15 working days later:
    // 03-17…20 = 4, 03-23…27 = 9, 03-30…04-03 = 14, 04-07 = 15.
    const consult = { action: 'consult', at: '2026-03-16' };
    const result = reply([consult, { action: 'consulted', at: '2026-04-07' }]);
    // The plain due date 04-07 moves 15 working days: 04-08…10 = 3, 04-13…17 = 8, 04-20…24 = 13, 04-27, 04-28 = 15.
    assert.equal(result.due, '2026-04-28');
    assert.equal(result.explanation.pauses[0]!.notCounted, 15);
    assert.match(describeClock(result.explanation).join('\n'), /中止：2026-03-16 至 2026-04-07（征求第三方意见），不计 15 个工作日/);

    // A late answer (04-14, 20 working days) is counted only up to the cap: the same due date.
    const late = reply([consult, { action: 'consulted', at: '2026-04-14' }]);
    assert.equal(late.due, '2026-04-28');
    assert.equal(late.explanation.pauses[0]!.endedBy, 'cap');

    // While the third party has not answered, the clock is paused and reaches 04-28 at the latest.
    const open = reply([consult], '2026-03-30');
    assert.equal(open.state, 'paused');
    assert.equal(open.due, '2026-04-28');
    assert.equal(open.explanation.pauses[0]!.capEndsAt, '2026-04-07');
    // Past the cap with no answer the clock runs again by itself.
    assert.equal(reply([consult], '2026-04-09').state, 'running');
  });

  test('an extension approved by the 机关负责人, and extensions refused', () => {
    const extend = { action: 'extend', at: '2026-04-01', amount: 20, approverRole: '机关负责人', reason: '需要协调多个部门' };
    // 04-07 + 20 working days: 04-08…10 = 3, 04-13…17 = 8, 04-20…24 = 13, 04-27…30 = 17, 05-01…05 off, 05-06…08 = 20.
    const result = reply([extend]);
    assert.equal(result.due, '2026-05-08');
    assert.deepEqual(result.explanation.extensionLeft, { times: 0, amount: 0, unit: 'workday' });
    assert.ok(describeClock(result.explanation).includes('延长：2026-04-01 延长 20 个工作日（需要协调多个部门，机关负责人批准）'));

    assertInvalidState(() => reply([extend, { ...extend, at: '2026-04-02', amount: 1 }]), /最多延长 1 次/);
    assertInvalidState(() => reply([{ ...extend, amount: 21 }]), /合计不得超过 20 个工作日（已延长 0，本次申请 21）/);
    assertInvalidState(() => reply([{ ...extend, approverRole: '经办人' }]), /须经机关负责人批准/);
    assertInvalidState(() => reply([{ action: 'extend', at: '2026-04-01', amount: 5 }]), /须经机关负责人批准/);
  });

  test('across 国庆 2025 and 春节 2026 with their 调休 working days', () => {
    // Received Fri 2025-09-26: 09-28 (Sun, 调休) = 1, 09-29, 09-30 = 3, 10-01…08 off, 10-09, 10-10 = 5,
    // 10-11 (Sat, 调休) = 6, 10-13…17 = 11, 10-20…24 = 16, 10-27…30 = 20.
    const national = computeClock({ spec: disclosureReply, events: [], calendar, fields: { receivedAt: '2025-09-26' } });
    assert.equal(national.due, '2025-10-30');
    assert.deepEqual(national.explanation.skippedRestDays[0], { from: '2025-09-27', to: '2025-09-27', days: 1, name: null });
    assert.deepEqual(national.explanation.skippedRestDays[1], { from: '2025-10-01', to: '2025-10-08', days: 8, name: '国庆节、中秋节' });
    // Received Wed 2026-02-11: 02-12, 02-13 = 2, 02-14 (Sat, 调休) = 3, 02-15…23 off, 02-24…27 = 7,
    // 02-28 (Sat, 调休) = 8, 03-02…06 = 13, 03-09…13 = 18, 03-16, 03-17 = 20.
    const spring = computeClock({ spec: disclosureReply, events: [], calendar, fields: { receivedAt: '2026-02-11' } });
    assert.equal(spring.due, '2026-03-17');
    assert.ok(spring.explanation.skippedRestDays.some((run) => run.from === '2026-02-15' && run.to === '2026-02-23' && run.name === '春节'));
  });
});

describe('《信访工作条例》 in calendar days, in sequence', () => {
  const notice: ClockSpec = {
    id: 'acceptNotice',
    label: '受理告知期限',
    amount: 15,
    unit: 'day',
    basis: '《信访工作条例》',
    start: { action: 'register', label: '收到信访事项' },
    stopOn: ['accept'],
  };
  const handling: ClockSpec = {
    id: 'handling',
    label: '办结期限',
    amount: 60,
    unit: 'day',
    basis: '《信访工作条例》',
    start: { after: 'acceptNotice', label: '受理' },
    extendOn: { action: 'extendHandling', maxTimes: 1, maxAmount: 30 },
    stopOn: ['conclude'],
  };

  test('受理告知 15 日 then 办结 60 日 from the day accepted, extended 30 日', () => {
    const events: ClockEvent[] = [
      { action: 'register', at: '2026-09-14' },
      { action: 'accept', at: '2026-09-18' },
    ];
    const [first, second] = computeClocks({ specs: [notice, handling], events, calendar, now: '2026-10-09' });
    // 09-14 + 15 days = 09-29 (Tue), a working day; stopped on 09-18.
    assert.equal(first!.due, '2026-09-29');
    assert.equal(first!.state, 'stopped');
    // 09-18 + 60 days: 12 to 09-30, 31 in October (43), 17 in November = 11-17 (Tue).
    assert.equal(second!.start, '2026-09-18');
    assert.equal(second!.due, '2026-11-17');
    assert.equal(second!.state, 'running');
    assert.match(second!.explanation.start!.why, /「受理告知期限」于 2026-09-18 结束，接续起算/);
    assert.deepEqual(second!.remaining, { amount: 39, unit: 'day' }); // 10-09 → 11-17

    const extended = computeClocks({ specs: [notice, handling], events: [...events, { action: 'extendHandling', at: '2026-11-10', amount: 30, reason: '情况复杂' }], calendar });
    // 60 + 30 = 90 days from 09-18: 11-17 + 30 = 12-17 (Thu).
    assert.equal(extended[1]!.due, '2026-12-17');
  });

  test('not accepted yet: the 办结 clock is pending; a period ending in 国庆 moves to 10-08', () => {
    const [first, second] = computeClocks({ specs: [notice, handling], events: [{ action: 'register', at: '2026-09-22' }], calendar });
    // 09-22 + 15 days = 10-07, inside 国庆 (10-01…07): 民法典第二百零三条 moves it to Thu 10-08.
    assert.equal(first!.due, '2026-10-08');
    assert.deepEqual(first!.explanation.movedFromRestDay, { from: '2026-10-07', to: '2026-10-08' });
    assert.match(describeClock(first!.explanation).join('\n'), /2026-10-07 为休息日，依《民法典》第二百零三条顺延至 2026-10-08/);
    assert.equal(second!.state, 'pending');
    assert.equal(second!.due, null);
  });

  test('复查 30 日 ending in 春节 moves to the first working day after it', () => {
    const review: ClockSpec = { id: 'review', label: '复查期限', amount: 30, unit: 'day', basis: '《信访工作条例》', start: { action: 'requestReview' } };
    // 2026-01-20 + 30 days = 02-19, inside 春节 (02-15…23): moves to Tue 02-24.
    const result = computeClock({ spec: review, events: [{ action: 'requestReview', at: '2026-01-20' }], calendar });
    assert.equal(result.due, '2026-02-24');
    assert.deepEqual(result.explanation.movedFromRestDay, { from: '2026-02-19', to: '2026-02-24' });
    assert.deepEqual(result.explanation.skippedRestDays, []); // days, not working days: nothing skipped while counting
  });
});
