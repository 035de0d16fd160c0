/**
 * Calendar dates as `YYYY-MM-DD` strings, with arithmetic on the date alone. Every
 * conversion goes through Date.UTC, so the answers never depend on the process time
 * zone (a server in UTC and one in Asia/Shanghai count the same days).
 */
import { validationError } from '../../platform/errors.js';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a month of the proleptic Gregorian calendar; month is 1–12. */
export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export const daysInYear = (year: number): number => ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365);

// Date.UTC reads years 0–99 as 1900–1999; MIN_YEAR keeps every caller clear of that.
const epochDayOf = (year: number, month: number, day: number): number => Math.round(Date.UTC(year, month - 1, day) / DAY_MS);

/** The date's parts, or undefined when the string is not a real date such as 2026-02-30. */
const partsOf = (value: string): { year: number; month: number; day: number } | undefined => {
  const match = DATE_PATTERN.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
};

/** Days since 1970-01-01; throws a validation error (HTTP 400) on a malformed date. */
export const toEpochDay = (value: string): number => {
  const parts = typeof value === 'string' ? partsOf(value) : undefined;
  if (!parts) {
    throw validationError(`日期格式不正确：${String(value)}（应为 YYYY-MM-DD，年份 ${MIN_YEAR}–${MAX_YEAR}）`);
  }
  return epochDayOf(parts.year, parts.month, parts.day);
};

export const fromEpochDay = (epochDay: number): string => {
  const date = new Date(epochDay * DAY_MS);
  const year = date.getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) throw validationError(`日期超出可计算范围（${MIN_YEAR}–${MAX_YEAR} 年）`);
  return date.toISOString().slice(0, 10);
};

export const yearOf = (date: string): number => Number(date.slice(0, 4));

/** Epoch day of 1 January of a year. */
export const firstDayOfYear = (year: number): number => epochDayOf(year, 1, 1);

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekdayOfEpochDay = (epochDay: number): number => (((epochDay + 4) % 7) + 7) % 7;

export const isWeekendEpochDay = (epochDay: number): boolean => {
  const weekday = weekdayOfEpochDay(epochDay);
  return weekday === 0 || weekday === 6;
};

export const addDays = (date: string, days: number): string => fromEpochDay(toEpochDay(date) + days);

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => toEpochDay(to) - toEpochDay(from);

/**
 * 民法典第二百零二条: a period in months ends on the same day-number of the final month,
 * or on that month's last day when it has no such day (1-31 + 1 month → 2-28/29).
 */
export const addMonths = (date: string, months: number): string => {
  toEpochDay(date); // validates
  const year = yearOf(date);
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return fromEpochDay(epochDayOf(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth))));
};

const shanghaiFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Asia/Shanghai for an instant, whatever the process time zone is. */
export const todayInShanghai = (now: Date): string => {
  const parts = Object.fromEntries(shanghaiFormat.formatToParts(now).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
};
