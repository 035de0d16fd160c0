/**
 * Working hours: an office day (e.g. 08:30–12:00 and 13:30–17:30) on the calendar's working
 * days. Instants are minutes since 1970-01-01 00:00 in Asia/Shanghai, which is UTC+8 all year
 * (no daylight saving since 1991), so a fixed offset is exact and no time-zone database is read.
 * Seconds are dropped: a statutory clock counts in minutes at the finest.
 */
import { validationError } from '../../platform/errors.js';
import type { Calendar } from './calendar.js';
import { fromEpochDay, toEpochDay } from './dates.js';

/** Minutes since 1970-01-01 00:00 Shanghai local time. */
export type LocalMinute = number;

export type OfficePeriod = { from: string; to: string }; // 'HH:MM', from < to
export type OfficeHours = { periods: readonly OfficePeriod[] };

/** The usual office day of a government office; an office sets its own in its settings. */
export const defaultOfficeHours: OfficeHours = {
  periods: [
    { from: '08:30', to: '12:00' },
    { from: '13:30', to: '17:30' },
  ],
};

const DAY_MINUTES = 1440;
const SHANGHAI_OFFSET_MINUTES = 480;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
// A walk past this many days means the office day has no working time at all (or a bug).
const MAX_WALK_DAYS = 366 * 30;

const minuteOfTime = (value: string): number => {
  const match = TIME_PATTERN.exec(value);
  if (!match) throw validationError(`办公时间格式不正确：${value}（应为 HH:MM）`);
  return Number(match[1]) * 60 + Number(match[2]);
};

const pad = (value: number): string => String(value).padStart(2, '0');

/** 'HH:MM' of a minute of the day (0–1440; 1440 reads 24:00, the end of a day). */
export const timeOfMinute = (minute: number): string => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

type Period = { from: number; to: number };

/** Validated periods in minutes of the day, in order and not overlapping. */
const periodsOf = (hours: OfficeHours): Period[] => {
  const periods = hours.periods.map((period) => ({ from: minuteOfTime(period.from), to: minuteOfTime(period.to) }));
  if (periods.length === 0) throw validationError('办公时间至少需要一个时段');
  periods.forEach((period, index) => {
    const previous = periods[index - 1];
    if (period.from >= period.to || (previous && previous.to > period.from)) {
      throw validationError('办公时段须按时间先后排列、互不重叠，且开始早于结束');
    }
  });
  return periods;
};

/** Working minutes in one office day. */
export const officeDayMinutes = (hours: OfficeHours): number => periodsOf(hours).reduce((sum, period) => sum + period.to - period.from, 0);

/**
 * Reads 'YYYY-MM-DD' (the day's first minute), a local 'YYYY-MM-DDTHH:MM[:SS]' (Shanghai time)
 * or an ISO instant with 'Z' or an offset, as Shanghai local minutes.
 */
export const toLocalMinute = (value: string): LocalMinute => {
  const match = typeof value === 'string' ? INSTANT_PATTERN.exec(value) : null;
  if (!match) throw validationError(`时间格式不正确：${String(value)}（应为 YYYY-MM-DD 或 ISO 8601 时间）`);
  const day = toEpochDay(match[1]!);
  if (match[2] === undefined) return day * DAY_MINUTES;
  const hour = Number(match[2]);
  const minute = Number(match[3]);
  if (hour > 23 || minute > 59 || Number(match[4] ?? 0) > 59) throw validationError(`时间格式不正确：${value}`);
  const local = day * DAY_MINUTES + hour * 60 + minute;
  const zone = match[5];
  if (zone === undefined) return local;
  if (zone === 'Z') return local + SHANGHAI_OFFSET_MINUTES;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  return local - offset + SHANGHAI_OFFSET_MINUTES;
};

/** The local date of a local minute. */
export const dateOfMinute = (minute: LocalMinute): string => fromEpochDay(Math.floor(minute / DAY_MINUTES));

/** ISO 8601 with the +08:00 offset, e.g. 2026-02-24T11:30:00+08:00. */
export const formatLocalMinute = (minute: LocalMinute): string => {
  const day = Math.floor(minute / DAY_MINUTES);
  return `${fromEpochDay(day)}T${timeOfMinute(minute - day * DAY_MINUTES)}:00+08:00`;
};

/** The instant `minutes` working minutes after `start`; counting ends at a period's end, not the next morning. */
export const addWorkingMinutes = (calendar: Calendar, hours: OfficeHours, start: LocalMinute, minutes: number): LocalMinute => {
  if (!Number.isInteger(minutes) || minutes < 0) throw validationError(`工作时长须为非负整数分钟，收到 ${minutes}`);
  const periods = periodsOf(hours);
  if (minutes === 0) return start;
  let remaining = minutes;
  let day = Math.floor(start / DAY_MINUTES);
  let from = start - day * DAY_MINUTES;
  for (let walked = 0; walked < MAX_WALK_DAYS; walked += 1) {
    if (calendar.isWorkday(fromEpochDay(day))) {
      for (const period of periods) {
        const begin = Math.max(from, period.from);
        if (begin >= period.to) continue;
        const available = period.to - begin;
        if (remaining <= available) return day * DAY_MINUTES + begin + remaining;
        remaining -= available;
      }
    }
    day += 1;
    from = 0;
  }
  throw validationError('工作时长超出可计算范围');
};

/** One working day's counted stretch, for the explanation of an hour clock. */
export type WorkingStretch = { date: string; from: string; to: string; minutes: number };

/** The working stretches in [from, to): each working day's office time inside the interval. */
export const workingStretches = (calendar: Calendar, hours: OfficeHours, from: LocalMinute, to: LocalMinute): WorkingStretch[] => {
  const periods = periodsOf(hours);
  const stretches: WorkingStretch[] = [];
  const lastDay = Math.floor(to / DAY_MINUTES);
  for (let day = Math.floor(from / DAY_MINUTES); day <= lastDay && to > from; day += 1) {
    const date = fromEpochDay(day);
    if (!calendar.isWorkday(date)) continue;
    let first: number | null = null;
    let last = 0;
    let minutes = 0;
    for (const period of periods) {
      const begin = Math.max(period.from, from - day * DAY_MINUTES);
      const end = Math.min(period.to, to - day * DAY_MINUTES);
      if (begin >= end) continue;
      first ??= begin;
      last = end;
      minutes += end - begin;
    }
    if (first !== null) stretches.push({ date, from: timeOfMinute(first), to: timeOfMinute(last), minutes });
  }
  return stretches;
};

/** Working minutes in [from, to); negative when `to` is before `from`. */
export const workingMinutesBetween = (calendar: Calendar, hours: OfficeHours, from: LocalMinute, to: LocalMinute): number => {
  if (to < from) return -workingMinutesBetween(calendar, hours, to, from);
  return workingStretches(calendar, hours, from, to).reduce((sum, stretch) => sum + stretch.minutes, 0);
};
