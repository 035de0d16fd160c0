/**
 * Time and chance for the demo year: a seeded PRNG (the same office on every start, but with the uneven
 * numbers of a real one) and office time on the working-day calendar, so that every demo action happens
 * on a working day, in office hours.
 */
import type { Calendar } from '../engine/calendar/calendar.js';

export type Random = {
  /** In [0, 1). */
  next: () => number;
  between: (low: number, high: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  /** An item chosen with the given weights (the same length as items). */
  weighted: <T>(items: readonly T[], weights: readonly number[]) => T;
};

/** mulberry32: small, fast and good enough to make a demo office look lived-in. */
export const seededRandom = (seed: number): Random => {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const weighted = <T>(items: readonly T[], weights: readonly number[]): T => {
    let roll = next() * weights.reduce((sum, weight) => sum + weight, 0);
    for (const [index, item] of items.entries()) {
      roll -= weights[index]!;
      if (roll < 0) return item;
    }
    return items[items.length - 1]!;
  };
  return {
    next,
    between: (low, high) => low + next() * (high - low),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted,
  };
};

const OFFICE_START = 9 * 60; // minutes after midnight, Shanghai
const OFFICE_MINUTES = 8 * 60;
const shanghaiDate = (at: Date) => at.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const shanghaiMinute = (at: Date) => Math.floor(((at.getTime() + 8 * 3_600_000) % 86_400_000) / 60_000);
const atMinute = (date: string, minute: number) => new Date(Date.parse(`${date}T00:00:00+08:00`) + Math.round(minute) * 60_000);

export type OfficeTime = {
  /** `workdays` of office time after `from` (fractions are parts of an office day), always in office hours. */
  later: (from: Date, workdays: number) => Date;
  /** Working days from `from` to `to`. */
  workdaysBetween: (from: Date, to: Date) => number;
  /** `count` moments in [from, to), on working days in office hours, oldest first, busier in some months than others. */
  arrivals: (from: Date, to: Date, count: number) => Date[];
};

/** Busier before the Spring Festival and at half-year and year end, quieter in February, August and October. */
const monthWeights = [1.0, 0.55, 1.2, 1.05, 0.9, 1.35, 1.0, 0.75, 1.1, 0.7, 1.15, 1.45];

export const officeTime = (calendar: Calendar, random: Random): OfficeTime => {
  const later = (from: Date, workdays: number): Date => {
    let date = shanghaiDate(from);
    let minute = Math.min(Math.max(shanghaiMinute(from) - OFFICE_START, 0), OFFICE_MINUTES);
    if (!calendar.isWorkday(date)) [date, minute] = [calendar.nextWorkday(date), 0];
    const total = minute + workdays * OFFICE_MINUTES;
    const days = Math.floor(total / OFFICE_MINUTES);
    return atMinute(days > 0 ? calendar.addWorkdays(date, days) : date, OFFICE_START + (total - days * OFFICE_MINUTES));
  };
  const arrivals = (from: Date, to: Date, count: number): Date[] => {
    const days: string[] = [];
    const weights: number[] = [];
    // Days before `to`'s own day, so that every moment is before `to` and the count is exact.
    const last = shanghaiDate(to);
    for (let at = from.getTime(); shanghaiDate(new Date(at)) < last; at += 86_400_000) {
      const date = shanghaiDate(new Date(at));
      if (!calendar.isWorkday(date)) continue;
      days.push(date);
      weights.push(monthWeights[Number(date.slice(5, 7)) - 1]! * random.between(0.4, 1.6));
    }
    if (days.length === 0) return [];
    const picked = Array.from({ length: count }, () => atMinute(random.weighted(days, weights), OFFICE_START + random.between(0, OFFICE_MINUTES)));
    return picked.sort((a, b) => a.getTime() - b.getTime());
  };
  return { later, workdaysBetween: (from, to) => calendar.workdaysBetween(shanghaiDate(from), shanghaiDate(to)), arrivals };
};
