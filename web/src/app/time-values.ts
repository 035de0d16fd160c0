/**
 * The dayjs side of Beijing time (time.ts re-exports it; kept apart from antd so Node tests can load it in any zone):
 * picker values are dayjs objects in the browser's zone whose fields read Beijing wall-clock time.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { formatOfficeTime, instantOfOfficeWallClock, isDateOnly, officeToday, officeWallClock } from '../../../common/office-time.js';

export { isDateOnly, officeToday };

/** `2026-03-01 09:30` in Beijing time (or another pattern: `MM-DD HH:mm`, `HH:mm`); a dash for empty values. */
export const formatTime = (value: string | null | undefined, pattern = 'YYYY-MM-DD HH:mm'): string => formatOfficeTime(value, pattern);

/** `2026-03-01 09:30:00` in Beijing time, or a dash for empty values (tables and trails: to the second). */
export const formatDateTime = (value: string | null | undefined): string => formatOfficeTime(value, 'YYYY-MM-DD HH:mm:ss');

/** The Beijing date of an instant, `YYYY-MM-DD` (a date-only value as it is). */
export const officeDateOf = (value: string): string => formatOfficeTime(value, 'YYYY-MM-DD');

/** A picker value for an instant or a calendar date (none: now): its fields read Beijing time. */
export const toPickerValue = (value?: string): Dayjs => {
  const wall = value === undefined ? officeWallClock(Date.now()) : isDateOnly(value) ? value : officeWallClock(value);
  return dayjs(wall ?? value);
};

/** Now, as a picker value (defaults, 不晚于今天 checks, this year): a UTC laptop at 07:00 Beijing time is already on today. */
export const officeNow = (): Dayjs => toPickerValue();

/** The instant a date-time picker's reading names (ISO 8601, UTC): the clerk typed Beijing time. */
export const fromPickerValue = (value: Dayjs): string => instantOfOfficeWallClock(value.format('YYYY-MM-DDTHH:mm:ss'));

/** A date picker's day, `YYYY-MM-DD`: the day the clerk picked, never an instant. */
export const pickerDay = (value: Dayjs): string => value.format('YYYY-MM-DD');

