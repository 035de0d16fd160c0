/** The clock mechanics: working hours, elapsed hours, months, pauses that count, stops, re-timing after an override. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../platform/errors.js';
import { buildCalendar } from '../calendar/calendar.js';
import type { ClockEvent, ClockSpec } from './clock.types.js';
import { assignmentClockSpec, computeClocks } from './clock-set.js';
import { computeClock } from './compute.js';
import { describeClock } from './explain.js';
import { describeClockMoves, retimeClocks, type StoredClock } from './retime.js';

const calendar = buildCalendar({ overrides: [] });

const hotline: ClockSpec = { id: 'hotline', label: '工单办理时限', amount: 12, unit: 'workhour', basis: '热线工单办理规定', start: { action: 'dispatch' }, stopOn: ['reply'] };
const dispatchedAt = (at: string, now?: string) =>
  computeClock({ spec: hotline, events: [{ action: 'dispatch', at }], calendar, ...(now ? { now } : {}) });

describe('working hours (08:30–12:00, 13:30–17:30 on working days)', () => {
  test('12 working hours from Friday 16:00 end on Tuesday 11:30', () => {
    // Fri 03-06 16:00–17:30 = 1.5 h; Mon 03-09 3.5 + 4 = 7.5 h (9 h); Tue 03-10 08:30 + 3 h = 11:30.
    const result = dispatchedAt('2026-03-06T16:00');
    assert.equal(result.due, '2026-03-10T11:30:00+08:00');
    assert.deepEqual(result.explanation.countedHours, [
      { date: '2026-03-06', from: '16:00', to: '17:30', minutes: 90 },
      { date: '2026-03-09', from: '08:30', to: '17:30', minutes: 450 },
      { date: '2026-03-10', from: '08:30', to: '11:30', minutes: 180 },
    ]);
    assert.deepEqual(result.explanation.skippedRestDays, [{ from: '2026-03-07', to: '2026-03-08', days: 2, name: null }]);
    const lines = describeClock(result.explanation);
    assert.ok(lines.includes('规则：自派单时起 12 个工作小时'), lines.join('\n'));
    assert.ok(lines.includes('工作时间：工作日 08:30–12:00、13:30–17:30'));
    assert.equal(lines.at(-1), '到期：2026-03-10 11:30');
    // The same instant given in UTC.
    assert.equal(dispatchedAt('2026-03-06T08:00:00Z').due, '2026-03-10T11:30:00+08:00');
  });

  test('before 春节: the 调休 Saturday counts, the holiday does not', () => {
    // Fri 02-13 16:00–17:30 = 1.5 h; Sat 02-14 (调休上班) 7.5 h = 9 h; 02-15…23 off; Tue 02-24 08:30 + 3 h.
    const result = dispatchedAt('2026-02-13T16:00:00+08:00');
    assert.equal(result.due, '2026-02-24T11:30:00+08:00');
    assert.ok(result.explanation.skippedRestDays.some((run) => run.from === '2026-02-15' && run.to === '2026-02-23' && run.name === '春节'));
  });

  test('outside office hours the count starts at the next period; a count ending at 17:30 ends then', () => {
    // Fri 18:00: nothing that day; Mon 7.5 h; Tue 08:30–12:00 3.5 h (11 h) and 13:30–14:30.
    assert.equal(dispatchedAt('2026-03-06T18:00').due, '2026-03-10T14:30:00+08:00');
    // Lunch: 12:30 counts from 13:30.
    const lunch = computeClock({ spec: { ...hotline, amount: 1 }, events: [{ action: 'dispatch', at: '2026-03-09T12:30' }], calendar });
    assert.equal(lunch.due, '2026-03-09T14:30:00+08:00');
    const oneDay = computeClock({ spec: { ...hotline, amount: 7.5 * 2, unit: 'workhour' }, events: [{ action: 'dispatch', at: '2026-03-09T08:30' }], calendar });
    assert.equal(oneDay.due, '2026-03-10T17:30:00+08:00');
  });

  test('an office day of the office’s own', () => {
    // 09:00–17:00: Fri 1 h, Mon 8 h, Tue 09:00 + 3 h = 12:00.
    const result = computeClock({ spec: hotline, events: [{ action: 'dispatch', at: '2026-03-06T16:00' }], calendar, officeHours: { periods: [{ from: '09:00', to: '17:00' }] } });
    assert.equal(result.due, '2026-03-10T12:00:00+08:00');
    assert.throws(() => computeClock({ spec: hotline, events: [{ action: 'dispatch', at: '2026-03-06T16:00' }], calendar, officeHours: { periods: [{ from: '13:00', to: '12:00' }] } }), /办公时段/);
  });

  test('remaining working minutes, overdue, and a reply after the due time', () => {
    const running = dispatchedAt('2026-03-06T16:00', '2026-03-09T17:00');
    assert.equal(running.state, 'running');
    assert.deepEqual(running.remaining, { amount: 30 + 180, unit: 'workminute' }); // Mon 17:00–17:30, Tue 08:30–11:30
    const overdue = dispatchedAt('2026-03-06T16:00', '2026-03-10T14:00');
    assert.equal(overdue.state, 'overdue');
    assert.deepEqual(overdue.remaining, { amount: -60, unit: 'workminute' }); // 11:30–12:00 and 13:30–14:00; lunch does not count
    const late = computeClock({ spec: hotline, events: [{ action: 'dispatch', at: '2026-03-06T16:00' }, { action: 'reply', at: '2026-03-10T12:10' }], calendar });
    assert.equal(late.state, 'stopped');
    assert.deepEqual(late.explanation.stop, { at: '2026-03-10T12:10:00+08:00', action: 'reply', isInTime: false });
    assert.match(describeClock(late.explanation).join('\n'), /已结束：2026-03-10 12:10，已超期/);
  });

  test('a pause in working hours moves the due time by the office minutes it took', () => {
    const spec: ClockSpec = { ...hotline, pauses: [{ on: ['suspend'], resumeOn: ['resume'], label: '等待群众补充材料' }] };
    const events: ClockEvent[] = [
      { action: 'dispatch', at: '2026-03-06T16:00' },
      { action: 'suspend', at: '2026-03-09T09:00' },
      { action: 'resume', at: '2026-03-09T15:00' },
    ];
    // Not counted: Mon 09:00–12:00 (180) and 13:30–15:00 (90) = 270 minutes. The plain due time Tue 11:30
    // moves 270 office minutes: 11:30–12:00 (30) and 13:30–17:30 (240): Tue 17:30.
    const result = computeClock({ spec, events, calendar });
    assert.equal(result.explanation.pauses[0]!.notCounted, 270);
    assert.equal(result.due, '2026-03-10T17:30:00+08:00');
    assert.deepEqual(result.explanation.countedHours.map((stretch) => [stretch.date, stretch.from, stretch.to, stretch.minutes]), [
      ['2026-03-06', '16:00', '17:30', 90],
      ['2026-03-09', '08:30', '09:00', 30],
      ['2026-03-09', '15:00', '17:30', 150],
      ['2026-03-10', '08:30', '17:30', 450],
    ]);
  });

  test('elapsed hours ignore the calendar', () => {
    const utility: ClockSpec = { id: 'utility', label: '水电气抢修', amount: 24, unit: 'hour', basis: '热线工单办理规定', start: { action: 'dispatch' } };
    const result = computeClock({ spec: utility, events: [{ action: 'dispatch', at: '2026-03-06T16:00' }], calendar });
    assert.equal(result.due, '2026-03-07T16:00:00+08:00');
    assert.equal(result.explanation.movedFromRestDay, null);
  });
});

describe('assignment clocks by role, months (民法典第二百零二条、第二百零三条)', () => {
  const defaults = { lead: { amount: 3, unit: 'month' as const, basis: '建议提案办理办法' }, consult: { amount: 1, unit: 'month' as const } };

  test('主办 3 months ending in 国庆 moves to 10-08; 会办 1 month; 协办 has no default', () => {
    const lead = assignmentClockSpec({ defaults, role: 'lead' })!;
    const consult = assignmentClockSpec({ defaults, role: 'consult' })!;
    assert.equal(assignmentClockSpec({ defaults, role: 'assist' }), undefined);
    const events: ClockEvent[] = [{ action: 'assign', at: '2026-07-03' }];
    const [leadClock, consultClock] = computeClocks({ specs: [lead, consult], events, calendar });
    // 07-03 + 3 months = 10-03, inside 国庆 (10-01…07): the next working day is Thu 10-08.
    assert.equal(leadClock!.due, '2026-10-08');
    assert.deepEqual(leadClock!.explanation.movedFromRestDay, { from: '2026-10-03', to: '2026-10-08' });
    assert.equal(leadClock!.explanation.ruleText, '自交办之日起 3 个月');
    assert.equal(leadClock!.explanation.label, '主办办理期限');
    // 07-03 + 1 month = 08-03, a Monday.
    assert.equal(consultClock!.due, '2026-08-03');
    // 01-31 + 1 month = 02-28 (no 02-31), a 调休 Saturday: a working day, so it stays.
    const february = computeClock({ spec: consult, events: [{ action: 'assign', at: '2026-01-31' }], calendar });
    assert.equal(february.due, '2026-02-28');
    assert.equal(february.explanation.movedFromRestDay, null);
  });
});

describe('pauses, stops and declarations', () => {
  const review: ClockSpec = {
    id: 'review',
    label: '审核期限',
    amount: 10,
    unit: 'workday',
    basis: '本机关规定',
    start: { action: 'submit' },
    pauses: [
      { on: ['hold'], resumeOn: ['unhold'], label: '挂起（计入期限）', isCounted: true },
      { on: ['hearing'], resumeOn: ['heard'], label: '听证' },
    ],
  };
  const submit = { action: 'submit', at: '2026-03-09' };

  test('a pause that counts shows the clock paused but leaves the due date', () => {
    // 03-09 + 10 working days = 03-23.
    const paused = computeClock({ spec: review, events: [submit, { action: 'hold', at: '2026-03-11' }], calendar, now: '2026-03-12' });
    assert.equal(paused.state, 'paused');
    assert.equal(paused.due, '2026-03-23');
    const resumed = computeClock({ spec: review, events: [submit, { action: 'hold', at: '2026-03-11' }, { action: 'unhold', at: '2026-03-16' }], calendar });
    assert.equal(resumed.due, '2026-03-23');
    assert.match(describeClock(resumed.explanation).join('\n'), /该期间依规定计入期限/);
  });

  test('a pause after the due date changes nothing', () => {
    const result = computeClock({ spec: review, events: [submit, { action: 'hearing', at: '2026-03-24' }, { action: 'heard', at: '2026-03-30' }], calendar });
    assert.equal(result.due, '2026-03-23');
    assert.equal(result.explanation.pauses[0]!.isAfterDue, true);
  });

  test('a bad declaration is refused', () => {
    const bad = (spec: Partial<ClockSpec>) => () => computeClock({ spec: { ...review, ...spec }, events: [], calendar });
    assert.throws(bad({ extendOn: { action: 'extend', maxTimes: 1, maxAmount: 8, unit: 'workhour' } }), /同为按日或按时计算/);
    assert.throws(bad({ amount: -1 }), /期限须为非负整数/);
    const loop: ClockSpec[] = [
      { ...review, id: 'a', start: { after: 'b' } },
      { ...review, id: 'b', start: { after: 'a' } },
    ];
    assert.throws(() => computeClocks({ specs: loop, events: [], calendar }), (error: unknown) => error instanceof AppError && /成环/.test(error.message));
  });
});

describe('re-timing after a calendar change', () => {
  const reply: ClockSpec = {
    id: 'reply',
    label: '答复期限',
    amount: 20,
    unit: 'workday',
    basis: '《政府信息公开条例》第三十三条',
    start: { field: 'receivedAt', label: '收到申请' },
    stopOn: ['reply'],
  };
  const input = { spec: reply, events: [] as ClockEvent[], fields: { receivedAt: '2026-03-09' } };
  const stored = (key: string, extra: ClockEvent[] = []): StoredClock => {
    const result = computeClock({ ...input, events: extra, calendar });
    return { key, input: { ...input, events: extra }, state: result.state, due: result.due, explanation: result.explanation };
  };

  test('a local closure day added mid-case moves the open clock one working day; the trail line names it', () => {
    const open = stored('case-1:reply');
    assert.equal(open.due, '2026-04-07'); // see statutes.test.ts: 20 working days from 03-09
    const closed = stored('case-2:reply', [{ action: 'reply', at: '2026-03-18' }]);
    const closure = buildCalendar({ overrides: [{ date: '2026-03-20', kind: 'holiday', note: '本地闭馆（防汛）' }] });
    const { moved, results } = retimeClocks({ clocks: [open, closed], calendar: closure, now: '2026-03-19' });
    // 03-20 no longer counts: the 20th working day after 03-09 is now Wed 04-08.
    assert.deepEqual(moved, [
      { key: 'case-1:reply', clockId: 'reply', label: '答复期限', from: '2026-04-07', to: '2026-04-08', because: [{ date: '2026-03-20', isWorkday: false, note: '本地闭馆（防汛）', change: 'added' }] },
    ]);
    assert.deepEqual(results.map((item) => item.key), ['case-1:reply']); // the stopped clock is left as it was
    const after = results[0]!.result;
    assert.deepEqual(after.explanation.calendarOverridesUsed, [{ date: '2026-03-20', isWorkday: false, note: '本地闭馆（防汛）' }]);
    assert.ok(after.explanation.skippedRestDays.some((run) => run.from === '2026-03-20' && run.name === '本地闭馆（防汛）'));
    assert.match(describeClock(after.explanation).join('\n'), /日历调整：2026-03-20 调整为休息日（本地闭馆（防汛））/);
    assert.deepEqual(describeClockMoves(moved), ['「答复期限」到期由 2026-04-07 调整为 2026-04-08：2026-03-20 调整为休息日（本地闭馆（防汛））']);

    // Removing the closure again moves it back and says so.
    const reverted = retimeClocks({ clocks: [{ ...open, due: after.due, explanation: after.explanation }], calendar });
    assert.equal(reverted.moved[0]!.to, '2026-04-07');
    assert.match(describeClockMoves(reverted.moved)[0]!, /撤销 2026-03-20 的日历调整/);
  });

  test('an override outside the span moves nothing', () => {
    const later = buildCalendar({ overrides: [{ date: '2026-05-20', kind: 'holiday', note: '本地闭馆' }] });
    assert.deepEqual(retimeClocks({ clocks: [stored('case-1:reply')], calendar: later }).moved, []);
  });
});
