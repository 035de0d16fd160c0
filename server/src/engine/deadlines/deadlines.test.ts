import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../platform/errors.js';
import { buildCalendar } from '../calendar/calendar.js';
import { computeDeadline, describeDeadline, dueStatus, type DeadlineEvent, type DeadlineRule } from './deadlines.js';

const calendar = buildCalendar({ overrides: [] });

const supervision: DeadlineRule = { id: 'supervision', amount: 15, unit: 'workday', from: 'assign', basis: '督查督办工作规则' };
const disclosure: DeadlineRule = {
  id: 'disclosure',
  amount: 20,
  unit: 'workday',
  from: 'receive',
  basis: '《政府信息公开条例》第三十三条',
  pauseOn: ['correction', 'consult'],
  resumeOn: ['corrected', 'consulted'],
  extension: { maxTimes: 1, maxAmount: 20 },
};
const petition: DeadlineRule = { id: 'petition', amount: 60, unit: 'day', from: 'accept', basis: '《信访工作条例》', extension: { maxTimes: 1, maxAmount: 30 } };
const proposal: DeadlineRule = { id: 'proposal', amount: 3, unit: 'month', from: 'assign', basis: '建议提案办理办法', extension: { maxTimes: 1, maxAmount: 3 } };

const compute = (rule: DeadlineRule, events: DeadlineEvent[]) => computeDeadline({ rule, events, calendar });

const assertInvalidState = (run: () => unknown, message: RegExp) =>
  assert.throws(run, (error: unknown) => error instanceof AppError && error.code === 'INVALID_STATE' && message.test(error.message));

describe('periods in working days', () => {
  test('15 working days from 2026-09-28 pass over the National Day holiday', () => {
    const result = compute(supervision, [{ action: 'assign', date: '2026-09-28' }]);
    assert.equal(result.start, '2026-09-28');
    assert.equal(result.due, '2026-10-23');
    assert.equal(result.isPaused, false);
    const { explanation } = result;
    assert.equal(explanation.ruleText, '自交办之日起 15 个工作日');
    assert.equal(explanation.startEvent, 'assign');
    assert.equal(explanation.rollover, null);
    assert.deepEqual(explanation.skippedRestDays, [
      { from: '2026-10-01', to: '2026-10-07', days: 7, name: '国庆节' },
      { from: '2026-10-11', to: '2026-10-11', days: 1, name: null },
      { from: '2026-10-17', to: '2026-10-18', days: 2, name: null },
    ]);
    assert.deepEqual(JSON.parse(JSON.stringify(explanation)), explanation); // plain JSON for the jsonb column
    const lines = describeDeadline(explanation);
    assert.ok(lines.includes('依据：督查督办工作规则'));
    assert.ok(lines.some((line) => line.includes('2026-10-01 至 2026-10-07 国庆节（7 天）')), lines.join('\n'));
    assert.equal(lines.at(-1), '到期日：2026-10-23');
  });

  test('a 补正 pause stops the clock; the remainder continues after the resume date', () => {
    const started = { action: 'receive', date: '2026-03-02' };
    const paused = { action: 'correction', date: '2026-03-05', reason: '补正' };
    const whilePaused = compute(disclosure, [started, paused]);
    assert.equal(whilePaused.due, null);
    assert.equal(whilePaused.isPaused, true);
    assert.deepEqual(whilePaused.explanation.pauses, [{ from: '2026-03-05', to: null, reason: '补正', days: null, unit: 'workday', isAfterDue: false }]);
    assert.match(describeDeadline(whilePaused.explanation).join('\n'), /中止中：自 2026-03-05 起（补正）/);

    const resumed = compute(disclosure, [started, paused, { action: 'corrected', date: '2026-03-16' }]);
    // 3 working days used (03-03…03-05); 17 remain after 03-16, passing 清明 (04-06).
    assert.equal(resumed.due, '2026-04-09');
    assert.equal(resumed.isPaused, false);
    assert.equal(resumed.explanation.pauses[0]!.days, 7);
    const unpaused = compute(disclosure, [started]).due!;
    assert.equal(resumed.due, calendar.addWorkdays(unpaused, 7));
    assert.ok(resumed.explanation.skippedRestDays.some((run) => run.name === '清明节'));
    // Weekends inside the pause were not counted either way, so they are not listed as skipped.
    assert.ok(!resumed.explanation.skippedRestDays.some((run) => run.from === '2026-03-07'));
  });

  test('a pause after the period has run out changes nothing', () => {
    const events = [
      { action: 'receive', date: '2026-03-02' },
      { action: 'consult', date: '2026-04-10', reason: '征求第三方意见' },
      { action: 'consulted', date: '2026-04-20' },
    ];
    const result = compute(disclosure, events);
    assert.equal(result.due, compute(disclosure, events.slice(0, 1)).due);
    assert.equal(result.explanation.pauses[0]!.isAfterDue, true);
  });

  test('events are taken in date order; events before the start are ignored', () => {
    const events = [
      { action: 'corrected', date: '2026-03-16' },
      { action: 'receive', date: '2026-03-02' },
      { action: 'correction', date: '2026-03-05' },
      { action: 'correction', date: '2026-03-01' }, // before the clock started
    ];
    assert.equal(compute(disclosure, events).due, '2026-04-09');
    assert.deepEqual(compute(disclosure, [{ action: 'correction', date: '2026-03-01' }]), {
      start: null,
      due: null,
      isPaused: false,
      explanation: compute(disclosure, []).explanation,
    });
    assert.match(describeDeadline(compute(disclosure, []).explanation).join('\n'), /尚未起算/);
  });
});

describe('periods in days and months (民法典第二百零一条至第二百零三条)', () => {
  test('a period ending on a Saturday ends on Monday', () => {
    const result = compute({ ...petition, amount: 15 }, [{ action: 'accept', date: '2026-03-06' }]);
    assert.equal(result.due, '2026-03-23');
    assert.deepEqual(result.explanation.rollover, { from: '2026-03-21', to: '2026-03-23' });
    assert.deepEqual(result.explanation.skippedRestDays, []);
    assert.match(describeDeadline(result.explanation).join('\n'), /2026-03-21 为休息日.*顺延至 2026-03-23/);
  });

  test('a period ending in the National Day holiday ends on 2026-10-08', () => {
    const result = compute({ ...petition, amount: 10 }, [{ action: 'accept', date: '2026-09-22' }]);
    assert.equal(result.due, '2026-10-08');
    assert.deepEqual(result.explanation.rollover, { from: '2026-10-02', to: '2026-10-08' });
  });

  test('3 months from 2026-01-31 end on the last day of April', () => {
    assert.equal(compute(proposal, [{ action: 'assign', date: '2026-01-31' }]).due, '2026-04-30');
    // 1 month from 01-31 is 02-28, a 调休 Saturday: a working day, no rollover.
    const february = compute({ ...proposal, amount: 1 }, [{ action: 'assign', date: '2026-01-31' }]);
    assert.equal(february.due, '2026-02-28');
    assert.equal(february.explanation.rollover, null);
    // 1 month from 04-04 is 05-04, inside the Labour Day holiday.
    const mayDay = compute({ ...proposal, amount: 1 }, [{ action: 'assign', date: '2026-04-04' }]);
    assert.deepEqual([mayDay.due, mayDay.explanation.rollover], ['2026-05-06', { from: '2026-05-04', to: '2026-05-06' }]);
  });

  test('a pause in a period of days moves the end by the paused calendar days', () => {
    const rule: DeadlineRule = { ...petition, pauseOn: ['hearing'], resumeOn: ['heard'] };
    const events = [
      { action: 'accept', date: '2026-03-02' },
      { action: 'hearing', date: '2026-03-10', reason: '听证' },
      { action: 'heard', date: '2026-03-20' },
    ];
    const result = compute(rule, events);
    assert.equal(result.explanation.pauses[0]!.days, 10);
    assert.equal(result.due, calendar.nextWorkday('2026-05-11')); // 03-02 + 60 days = 05-01, + 10 paused days
  });
});

describe('extensions', () => {
  const start = { action: 'receive', date: '2026-09-28' };

  test('an extension within the cap adds to the due date in its unit', () => {
    const base = compute(disclosure, [start]).due!;
    const extended = compute(disclosure, [start, { action: 'extend', date: '2026-10-20', amount: 20, reason: '需要协调多个部门' }]);
    assert.equal(extended.due, calendar.addWorkdays(base, 20));
    assert.deepEqual(extended.explanation.extensions, [{ date: '2026-10-20', amount: 20, unit: 'workday', reason: '需要协调多个部门' }]);
    assert.ok(describeDeadline(extended.explanation).includes('延长：2026-10-20 延长 20 个工作日（需要协调多个部门）'));

    const months = compute(proposal, [{ action: 'assign', date: '2026-01-31' }, { action: 'extend', date: '2026-04-01', amount: 3 }]);
    assert.equal(months.due, calendar.nextWorkday('2026-07-31'));
  });

  test('an extension beyond the cap is refused', () => {
    const once = { action: 'extend', date: '2026-10-20', amount: 10 };
    assertInvalidState(() => compute(disclosure, [start, once, { action: 'extend', date: '2026-10-21', amount: 5 }]), /最多延长 1 次/);
    assertInvalidState(() => compute(disclosure, [start, { action: 'extend', date: '2026-10-20', amount: 25 }]), /合计不得超过 20 个工作日/);
    assertInvalidState(() => compute(supervision, [{ action: 'assign', date: '2026-09-28' }, { action: 'extend', date: '2026-10-20', amount: 1 }]), /不能延长/);
    assert.throws(() => compute(disclosure, [start, { action: 'extend', date: '2026-10-20' }]), /延长期限须为正整数/);
  });
});

describe('dueStatus', () => {
  const due = '2026-10-08'; // the first working day after the National Day holiday
  const status = (today: string, yellowWithinWorkdays?: number) =>
    dueStatus({ due, today, calendar, ...(yellowWithinWorkdays === undefined ? {} : { yellowWithinWorkdays }) });

  test('green, yellow within 3 working days (the holiday does not count), red after', () => {
    assert.equal(status('2026-09-24'), 'green'); // 09-25 中秋 off: 09-28, 09-29, 09-30, 10-08 remain
    assert.equal(status('2026-09-28'), 'yellow'); // 3 working days left though 10 calendar days
    assert.equal(status('2026-10-05'), 'yellow');
    assert.equal(status('2026-10-08'), 'yellow'); // due today
    assert.equal(status('2026-10-09'), 'red');
    assert.equal(status('2026-09-29', 1), 'green');
    assert.equal(status('2026-09-30', 1), 'yellow');
    assert.equal(dueStatus({ due: null, today: '2026-10-09', calendar }), 'none');
  });
});
