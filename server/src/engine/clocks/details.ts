/** The parts of an explanation read off the calendar: rest days passed over, office hours counted, overrides met. */
import type { Calendar } from '../calendar/calendar.js';
import { addDays } from '../calendar/dates.js';
import { workingStretches, type OfficeHours, type WorkingStretch } from '../calendar/working-hours.js';
import { restDayRuns, type RestDayRun } from './rest-days.js';
import type { CalendarOverrideUse, ClockPause, ClockSpec } from './clock.types.js';
import type { Counter } from './units.js';

type PositionedPause = ClockPause & { fromPosition: number; toPosition: number | null };

/** The counted stretches after the latest start: (start, pause], (resume, next pause] … (last resume, end]. */
const countedStretches = (counter: Counter, start: number, end: number | null, pauses: readonly PositionedPause[]): Array<[number, number]> => {
  const stretches: Array<[number, number]> = [];
  let from = start;
  for (const pause of pauses) {
    if (pause.fromPosition < start || pause.isAfterDue || pause.notCounted === 0) continue;
    stretches.push([from, pause.fromPosition]);
    if (pause.toPosition !== null) from = pause.toPosition;
    else if (pause.capEndsAt === null) return stretches; // still paused without a cap: nothing counted after it yet
    else from = counter.positionOf(pause.capEndsAt); // the due date assumes the pause runs to its cap
  }
  if (end !== null && end > from) stretches.push([from, end]);
  return stretches;
};

export const countedDetails = ({
  calendar,
  counter,
  officeHours,
  spec,
  start,
  end,
  duePosition,
  pauses,
}: {
  calendar: Calendar;
  counter: Counter;
  officeHours: OfficeHours;
  spec: ClockSpec;
  start: number | null;
  end: number | null;
  duePosition: number | null;
  pauses: readonly PositionedPause[];
}): { skippedRestDays: RestDayRun[]; countedHours: WorkingStretch[]; calendarOverridesUsed: CalendarOverrideUse[] } => {
  const none = { skippedRestDays: [], countedHours: [], calendarOverridesUsed: [] };
  if (start === null) return none;
  const stretches = countedStretches(counter, start, end, pauses);
  const counting = spec.unit === 'workday' || spec.unit === 'workhour';
  const rest: string[] = [];
  const countedHours: WorkingStretch[] = [];
  if (counting) {
    for (const [from, to] of stretches) {
      rest.push(...calendar.restDaysBetween(counter.dateOf(from), counter.dateOf(to)));
      if (spec.unit === 'workhour') countedHours.push(...workingStretches(calendar, officeHours, from, to));
    }
  }

  // Overrides that can have moved the date: any day of the span for counted units; the last days for days and months.
  let overrides: CalendarOverrideUse[] = [];
  if (duePosition !== null && end !== null && spec.unit !== 'minute' && spec.unit !== 'hour') {
    const from = counting ? counter.dateOf(start) : counter.dateOf(end);
    const to = counter.dateOf(Math.max(end, duePosition));
    overrides = overridesIn(calendar, from, to);
  }
  return { skippedRestDays: restDayRuns(calendar, rest), countedHours, calendarOverridesUsed: overrides };
};

const overridesIn = (calendar: Calendar, from: string, to: string): CalendarOverrideUse[] => {
  const found: CalendarOverrideUse[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const day = calendar.describeDay(date);
    if (day.source === 'override') found.push({ date, isWorkday: day.isWorkday, note: day.name });
  }
  return found;
};
