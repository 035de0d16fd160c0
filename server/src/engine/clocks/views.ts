/** The clocks of a case as the case page shows them: each with its state and "why this date". */
import type { ClockView } from '../../../../common/schemas/cases.js';
import type { ClockExplanation } from './clock.types.js';
import type { CaseClockRow } from './clocks.repository.js';
import { describeClock } from './explain.js';
import { todayInShanghai } from '../calendar/calendar.js';

const readable = (at: string | null): string | null => (at === null ? null : at.replace(/T(\d{2}:\d{2}):00\+08:00$/, ' $1'));

/**
 * A stored row was computed at the case's last action; a running clock whose due time has passed
 * since is 逾期 now, whether or not the sweep has been by.
 */
export const stateAt = (row: { state: string; dueAt: string | null }, now: Date): string => {
  if (row.state !== 'running' || row.dueAt === null) return row.state;
  const isPast = row.dueAt.length === 10 ? row.dueAt < todayInShanghai(now) : new Date(row.dueAt).getTime() < now.getTime();
  return isPast ? 'overdue' : row.state;
};

/** A stored clock as the case page shows it; `assignments` and `unitNames` name the unit whose clock it is. */
export const clockViewOf = (
  row: Pick<CaseClockRow, 'id' | 'clockId' | 'assignmentId' | 'state' | 'startedAt' | 'dueAt' | 'stoppedAt' | 'explanation'>,
  { unitNames, assignments, now }: { now: Date; unitNames: ReadonlyMap<string, string>; assignments: ReadonlyArray<{ id: string; unitId: string }> },
): ClockView => {
  const explanation = row.explanation as unknown as ClockExplanation;
  const unitId = assignments.find((assignment) => assignment.id === row.assignmentId)?.unitId;
  return {
    id: row.id,
    clockId: row.clockId,
    label: explanation.label,
    basis: explanation.basis,
    assignmentId: row.assignmentId,
    unitName: unitId ? (unitNames.get(unitId) ?? null) : null,
    state: stateAt(row, now) as ClockView['state'],
    startedAt: readable(row.startedAt),
    due: readable(row.dueAt),
    stoppedAt: readable(row.stoppedAt),
    isLate: explanation.stop ? !explanation.stop.isInTime : null,
    lines: describeClock(explanation),
  };
};
