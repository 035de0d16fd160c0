/**
 * Deadline rules as data, computed by pure functions over a working-day calendar.
 *
 * Counting follows the Civil Code (民法典) unless the rule is in working days:
 * - 第二百零一条: the day of the starting event is not counted; counting starts the next day.
 * - 第二百零二条: a period in months ends on the same day-number of the final month, or on
 *   that month's last day when it has none.
 * - 第二百零三条: a period whose last day is a rest day ends on the next working day.
 * A period in working days (工作日) counts only working days after the start, so it always
 * ends on a working day. Time from a pause (补正, 征求第三方意见 …) to its resume does not
 * count; the remainder continues after the resume date.
 */
import type { Calendar } from '../calendar/calendar.js';
import { addDays, addMonths, daysBetween, toEpochDay } from '../calendar/dates.js';
import { invalidState, validationError } from '../../platform/errors.js';
import { restDayRuns, unitText, type RestDayRun } from './explain.js';

export type DeadlineUnit = 'workday' | 'day' | 'month';

export type DeadlineRule = {
  id: string;
  amount: number;
  unit: DeadlineUnit;
  /** The event that starts the clock, e.g. 'assign'. Later occurrences are ignored. */
  from: string;
  basis: string; // e.g. 《政府信息公开条例》第三十三条
  pauseOn?: readonly string[];
  resumeOn?: readonly string[];
  /** maxAmount caps the total of all extensions, in the extension's unit (default: the rule's). */
  extension?: { maxTimes: number; maxAmount: number; unit?: DeadlineUnit };
};

/** `action` is the rule's `from`, one of its pauseOn/resumeOn, or 'extend'; anything else is ignored. */
export type DeadlineEvent = { action: string; date: string; amount?: number; reason?: string };

export type DeadlinePause = {
  from: string;
  to: string | null; // null while still paused
  reason: string | null;
  days: number | null; // working days (workday rules) or calendar days not counted
  unit: 'workday' | 'day';
  /** The pause came when the period had already run out: it changes nothing. */
  isAfterDue: boolean;
};

export type DeadlineExtension = { date: string; amount: number; unit: DeadlineUnit; reason: string | null };

/** Plain JSON (stored in jsonb, shown in the "why this date" popover). */
export type DeadlineExplanation = {
  ruleId: string;
  basis: string;
  ruleText: string; // 自交办之日起 15 个工作日
  amount: number;
  unit: DeadlineUnit;
  start: string | null;
  startEvent: string | null;
  startLabel: string; // 交办
  /** Rest days passed over while counting working days (empty for periods in days or months). */
  skippedRestDays: RestDayRun[];
  /** The period's last day was a rest day and the deadline moved to the next working day. */
  rollover: { from: string; to: string } | null;
  pauses: DeadlinePause[];
  extensions: DeadlineExtension[];
  isPaused: boolean;
  due: string | null;
};

export type DeadlineResult = { start: string | null; due: string | null; isPaused: boolean; explanation: DeadlineExplanation };

/** Chinese names of the events kinds commonly start clocks with; any other action shows as itself. */
export const deadlineActionLabels: Record<string, string> = {
  assign: '交办',
  receive: '收到申请',
  accept: '受理',
  register: '登记',
  sign: '签收',
  dispatch: '派单',
  submit: '提交',
  create: '登记',
};

const labelOf = (action: string): string => deadlineActionLabels[action] ?? action;

const checkAmount = (amount: unknown, what: string, minimum: number): number => {
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < minimum) {
    throw validationError(`${what}须为${minimum === 0 ? '非负' : '正'}整数`);
  }
  return amount;
};

/** The raw end of `amount` units after `from` (a rest day is rolled over later, not here). */
const advance = (calendar: Calendar, from: string, amount: number, unit: DeadlineUnit): string => {
  if (amount === 0) return from;
  if (unit === 'workday') return calendar.addWorkdays(from, amount);
  return unit === 'day' ? addDays(from, amount) : addMonths(from, amount);
};

type OpenPause = { from: string; reason: string | null; isAfterDue: boolean };

/** Computes the due date of a rule from its events, with the explanation of every step. */
export const computeDeadline = ({
  rule,
  events,
  calendar,
}: {
  rule: DeadlineRule;
  events: readonly DeadlineEvent[];
  calendar: Calendar;
}): DeadlineResult => {
  checkAmount(rule.amount, '期限', 0);
  for (const event of events) toEpochDay(event.date);
  // Same-day events keep their given order (Array.prototype.sort is stable).
  const ordered = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const pauseUnit = rule.unit === 'workday' ? 'workday' : 'day';

  let start: string | null = null;
  let startEvent: string | null = null;
  // The period is the rule's amount plus extensions in the same unit, counted from the start
  // (so 3 + 3 months from 01-31 end on 07-31, not on 04-30 + 3 months); pauses and extensions
  // in another unit then move its end, in the order they happened.
  let total = rule.amount;
  const moves: Array<{ amount: number; unit: DeadlineUnit }> = [];
  const endOf = (from: string): string =>
    moves.reduce((end, move) => advance(calendar, end, move.amount, move.unit), advance(calendar, from, total, rule.unit));
  let open: OpenPause | null = null;
  const pauses: DeadlinePause[] = [];
  const extensions: DeadlineExtension[] = [];

  for (const event of ordered) {
    if (start === null) {
      // Pauses or extensions before the clock starts belong to nothing and are ignored.
      if (event.action !== rule.from) continue;
      start = event.date;
      startEvent = event.action;
      continue;
    }
    const reason = event.reason ?? null;
    if (event.action === 'extend') {
      const extension = rule.extension;
      if (!extension) throw invalidState('该期限依规定不能延长');
      const unit = extension.unit ?? rule.unit;
      const amount = checkAmount(event.amount, '延长期限', 1);
      if (extensions.length >= extension.maxTimes) {
        throw invalidState(`延长次数已达上限：该期限最多延长 ${extension.maxTimes} 次`);
      }
      const used = extensions.reduce((sum, item) => sum + item.amount, 0);
      if (used + amount > extension.maxAmount) {
        throw invalidState(
          `延长期限合计不得超过 ${extension.maxAmount} ${unitText[unit]}（已延长 ${used}，本次申请 ${amount}）`,
        );
      }
      if (unit === rule.unit) total += amount;
      else moves.push({ amount, unit });
      extensions.push({ date: event.date, amount, unit, reason });
    } else if (rule.pauseOn?.includes(event.action)) {
      if (open) continue; // already paused: the first pause holds until its resume
      // Nothing is left to stop when the period's last day is already behind the pause.
      open = { from: event.date, reason: reason ?? labelOf(event.action), isAfterDue: event.date >= endOf(start) };
    } else if (rule.resumeOn?.includes(event.action)) {
      if (!open) continue;
      // The pause day itself was used; the days after it up to the resume date are not counted.
      // Moving the end by those days is the same as counting the remainder after the resume date.
      const days = open.isAfterDue
        ? 0
        : rule.unit === 'workday'
          ? calendar.workdaysBetween(open.from, event.date)
          : daysBetween(open.from, event.date);
      if (days > 0) moves.push({ amount: days, unit: pauseUnit });
      pauses.push({ from: open.from, to: event.date, reason: open.reason, days, unit: pauseUnit, isAfterDue: open.isAfterDue });
      open = null;
    }
  }

  const isPaused = open !== null && !open.isAfterDue;
  if (open) pauses.push({ from: open.from, to: null, reason: open.reason, days: null, unit: pauseUnit, isAfterDue: open.isAfterDue });
  const end = start === null ? null : endOf(start); // the period's last day before any rest-day rollover
  const due = end !== null && !isPaused ? calendar.nextWorkday(end) : null;

  const startLabel = labelOf(rule.from);
  const explanation: DeadlineExplanation = {
    ruleId: rule.id,
    basis: rule.basis,
    ruleText: `自${startLabel}之日起 ${rule.amount} ${unitText[rule.unit]}`,
    amount: rule.amount,
    unit: rule.unit,
    start,
    startEvent,
    startLabel,
    skippedRestDays: start !== null && rule.unit === 'workday' ? skippedWhileCounting(calendar, start, pauses, isPaused ? null : end) : [],
    rollover: due !== null && end !== null && due !== end ? { from: end, to: due } : null,
    pauses,
    extensions,
    isPaused,
    due,
  };
  return { start, due, isPaused, explanation };
};

/** Rest days inside the counted stretches: (start, pause], (resume, next pause] … (last resume, end]. */
const skippedWhileCounting = (calendar: Calendar, start: string, pauses: readonly DeadlinePause[], end: string | null): RestDayRun[] => {
  const rest: string[] = [];
  let from = start;
  for (const pause of pauses) {
    if (pause.isAfterDue) continue;
    rest.push(...calendar.restDaysBetween(from, pause.from));
    if (pause.to === null) return restDayRuns(calendar, rest);
    from = pause.to;
  }
  if (end !== null) rest.push(...calendar.restDaysBetween(from, end));
  return restDayRuns(calendar, rest);
};

/**
 * Red when today is past the due date; yellow when the due date is at most N working days
 * away (due today counts as 0, so it is yellow); green otherwise; none without a due date.
 */
export const dueStatus = ({
  due,
  today,
  calendar,
  yellowWithinWorkdays = 3,
}: {
  due: string | null;
  today: string;
  calendar: Calendar;
  yellowWithinWorkdays?: number;
}): 'none' | 'green' | 'yellow' | 'red' => {
  if (due === null) return 'none';
  toEpochDay(today);
  if (today > due) return 'red';
  return calendar.workdaysBetween(today, due) <= yellowWithinWorkdays ? 'yellow' : 'green';
};

export { describeDeadline, unitText, type RestDayRun } from './explain.js';
