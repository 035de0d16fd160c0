/**
 * Re-timing open clocks when the calendar changes (next year's notice entered as overrides, a local
 * closure): recompute each from its stored inputs and report which moved, from what to what, and the
 * override dates that made the difference, for the engine to write one trail event per case.
 */
import type { Calendar } from '../calendar/calendar.js';
import type { OfficeHours } from '../calendar/working-hours.js';
import type { CalendarOverrideUse, ClockExplanation, ClockResult } from './clock.types.js';
import { computeClock, type ComputeClockInput } from './compute.js';

export type StoredClock = {
  /** The caller's key (e.g. case id + clock id, or an assignment id). */
  key: string;
  input: Omit<ComputeClockInput, 'calendar' | 'officeHours' | 'now'>;
  state: ClockResult['state'];
  due: string | null;
  explanation: ClockExplanation;
};

export type ClockMove = {
  key: string;
  clockId: string;
  label: string;
  from: string | null;
  to: string | null;
  /** Overrides added, changed or removed inside the clock's span; empty when the official data changed. */
  because: OverrideChange[];
};

export type OverrideChange = CalendarOverrideUse & { change: 'added' | 'removed' };

const sameUse = (a: CalendarOverrideUse, b: CalendarOverrideUse) => a.date === b.date && a.isWorkday === b.isWorkday && a.note === b.note;

/** Overrides in one list and not the other; a removed one is reported as it was. */
const overrideChanges = (before: readonly CalendarOverrideUse[], after: readonly CalendarOverrideUse[]): OverrideChange[] =>
  [
    ...after.filter((use) => !before.some((other) => sameUse(use, other))).map((use) => ({ ...use, change: 'added' as const })),
    ...before.filter((use) => !after.some((other) => other.date === use.date)).map((use) => ({ ...use, change: 'removed' as const })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

/** Recomputes the open clocks (stopped and not-yet-started clocks keep what they have). */
export const retimeClocks = ({
  clocks,
  calendar,
  officeHours,
  now,
}: {
  clocks: readonly StoredClock[];
  calendar: Calendar;
  officeHours?: OfficeHours;
  now?: string;
}): { results: Array<{ key: string; result: ClockResult }>; moved: ClockMove[] } => {
  const results: Array<{ key: string; result: ClockResult }> = [];
  const moved: ClockMove[] = [];
  for (const stored of clocks) {
    if (stored.state === 'stopped' || stored.state === 'pending') continue;
    const result = computeClock({
      ...stored.input,
      calendar,
      ...(officeHours ? { officeHours } : {}),
      ...(now === undefined ? {} : { now }),
    });
    results.push({ key: stored.key, result });
    if (result.due === stored.due) continue;
    moved.push({
      key: stored.key,
      clockId: result.clockId,
      label: result.explanation.label,
      from: stored.due,
      to: result.due,
      because: overrideChanges(stored.explanation.calendarOverridesUsed, result.explanation.calendarOverridesUsed),
    });
  }
  return { results, moved };
};

/** One line per moved clock for the trail: what moved and the override that moved it. */
export const describeClockMoves = (moves: readonly ClockMove[]): string[] =>
  moves.map((move) => {
    const why =
      move.because.length === 0
        ? '国务院放假安排数据更新'
        : move.because.map(describeChange).join('；');
    return `「${move.label}」到期由 ${move.from ?? '未定'} 调整为 ${move.to ?? '未定'}：${why}`;
  });

const describeChange = (use: OverrideChange): string => {
  const note = use.note ? `（${use.note}）` : '';
  if (use.change === 'removed') return `撤销 ${use.date} 的日历调整${note}`;
  return `${use.date} 调整为${use.isWorkday ? '工作日' : '休息日'}${note}`;
};
