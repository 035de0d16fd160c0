/**
 * Every date-time the web shows or takes is Beijing time, whatever zone the browser's machine is set to
 * (common/office-time.ts holds the arithmetic). Pages format through here and use this module's DatePicker:
 * its values are dayjs objects in the browser's zone whose fields read Beijing wall-clock time, so what a
 * clerk sees in the picker is what the office means, and `fromPickerValue` turns it into the instant.
 */
import { DatePicker as AntDatePicker } from 'antd';
import dayjsGenerateConfig from '@rc-component/picker/generate/dayjs';
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

/**
 * antd's DatePicker with the office's "now": its 此刻 / 今天 buttons and today's mark follow Beijing time,
 * as the values around them do. Pages import DatePicker from here, never from antd.
 */
export const DatePicker = AntDatePicker.generatePicker<Dayjs>({ ...dayjsGenerateConfig, getNow: officeNow });
