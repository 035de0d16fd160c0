/** Rest days grouped into runs for explanations ("2026-10-01 至 2026-10-07 国庆节"). */
import type { Calendar } from '../calendar/calendar.js';
import { toEpochDay } from '../calendar/dates.js';

/** Consecutive rest days, named after the holiday among them (null: an ordinary weekend). */
export type RestDayRun = { from: string; to: string; days: number; name: string | null };

/** Groups sorted rest days into runs of consecutive dates: 10-01 … 10-07 国庆节 reads better than seven dates. */
export const restDayRuns = (calendar: Calendar, dates: readonly string[]): RestDayRun[] => {
  const runs: Array<RestDayRun & { names: Set<string>; lastDay: number }> = [];
  for (const date of dates) {
    const day = toEpochDay(date);
    const name = calendar.describeDay(date).name;
    const last = runs.at(-1);
    if (last && last.lastDay === day - 1) {
      last.to = date;
      last.days += 1;
      last.lastDay = day;
      if (name) last.names.add(name);
      continue;
    }
    runs.push({ from: date, to: date, days: 1, name: null, names: new Set(name ? [name] : []), lastDay: day });
  }
  return runs.map(({ from, to, days, names }) => ({ from, to, days, name: names.size > 0 ? [...names].join('、') : null }));
};
