/**
 * The working-day calendar of mainland China: the State Council's yearly holiday and
 * 调休 arrangement (from the chinese-days data table) corrected by the administrator's
 * overrides. Pure and synchronous: a deadline computation asks it thousands of questions.
 *
 * Each year is indexed on first use: one flag per day and a prefix sum of working days,
 * so "is this a workday", "how many workdays between" and "the n-th workday after" are
 * constant time within a year (a binary search for the last) and walk year by year beyond.
 */
// The package's date functions read dates in the process time zone (a server west of UTC
// gets the previous day's answer even for 'YYYY-MM-DD' strings), so we read its data table
// and do the date arithmetic ourselves.
import officialTable from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { validationError } from '../../platform/errors.js';
import {
  daysInYear,
  firstDayOfYear,
  fromEpochDay,
  isWeekendEpochDay,
  MAX_YEAR,
  MIN_YEAR,
  toEpochDay,
  todayInShanghai,
  yearOf,
} from './dates.js';

export { todayInShanghai };

export type DayKind = 'holiday' | 'workday' | 'normal';

/** An administrator's correction: a holiday, a (调休) working day, or back to the weekday rule. */
export type CalendarOverride = { date: string; kind: DayKind; note: string };

export type DaySource = 'override' | 'official' | 'weekday';

export type DayDescription = {
  date: string;
  isWorkday: boolean;
  isWeekend: boolean;
  /** 春节, 春节调休上班, the override's note …; null for an ordinary day. */
  name: string | null;
  source: DaySource;
};

export type Calendar = {
  isWorkday: (date: string) => boolean;
  /** The n-th working day after `date` (n ≥ 1), or before it (n ≤ -1); `date` itself is not counted. */
  addWorkdays: (date: string, n: number) => string;
  /** `date` itself when it is a working day, otherwise the first working day after it. */
  nextWorkday: (date: string) => string;
  /** Working days in (from, to]; negative when `to` is before `from`. */
  workdaysBetween: (from: string, to: string) => number;
  describeDay: (date: string) => DayDescription;
  /**
   * True when the year's holiday arrangement is known: the package has holidays for it, or an
   * administrator has entered at least one holiday override in it (entering the State Council's
   * notice always includes holidays; a lone 调休 workday or a 'normal' correction does not count).
   */
  hasOfficialData: (year: number) => boolean;
  /** The rest days in (from, to], oldest first; empty when `to` is not after `from`. */
  restDaysBetween: (from: string, to: string) => string[];
};

type OfficialTable = { holidays: Record<string, string>; workdays: Record<string, string> };
const official = officialTable as OfficialTable;

const officialYears = new Set(Object.keys(official.holidays).map(yearOf));

// The package names days "Spring Festival,春节,4"; the notice calls three of them by their full names.
const fullNames: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };
const festivalName = (entry: string): string => {
  const chinese = entry.split(',').at(-2) ?? entry;
  return fullNames[chinese] ?? chinese;
};

type YearIndex = {
  firstDay: number;
  isWork: Uint8Array;
  /** prefix[i] = working days among the year's first i days; prefix[length] is the year's total. */
  prefix: Int32Array;
};

/**
 * The holidays 《全国年节及纪念日放假办法》第二条 fixes by calendar date: 元旦 1 月 1 日, 劳动节 5 月 1 日、2 日,
 * 国庆节 10 月 1 日至 3 日. They are rest days by law before the year's notice is out, so a period running into
 * a year without one (received on 12-31) does not count 元旦 as a working day. The lunar holidays (春节, 清明,
 * 端午, 中秋) and the 调休 wait for the notice (an administrator's overrides); the health check warns until then.
 */
const statutoryDates: Record<string, string> = {
  '01-01': '元旦',
  '05-01': '劳动节',
  '05-02': '劳动节',
  '10-01': '国庆节',
  '10-02': '国庆节',
  '10-03': '国庆节',
};

const describe = (date: string, epochDay: number, override: CalendarOverride | undefined, isYearKnown: boolean): DayDescription => {
  const isWeekend = isWeekendEpochDay(epochDay);
  if (override) {
    const isWorkday = override.kind === 'workday' || (override.kind === 'normal' && !isWeekend);
    return { date, isWorkday, isWeekend, name: override.note || null, source: 'override' };
  }
  const makeUp = official.workdays[date];
  if (makeUp) return { date, isWorkday: true, isWeekend, name: `${festivalName(makeUp)}调休上班`, source: 'official' };
  const holiday = official.holidays[date];
  if (holiday) return { date, isWorkday: false, isWeekend, name: festivalName(holiday), source: 'official' };
  // 'weekday': the standing rules — the weekend, and in a year without its notice the dated statutory holidays.
  const statutory = isYearKnown ? undefined : statutoryDates[date.slice(5)];
  if (statutory) return { date, isWorkday: false, isWeekend, name: `${statutory}（法定节假日，当年放假安排尚未录入）`, source: 'weekday' };
  return { date, isWorkday: !isWeekend, isWeekend, name: null, source: 'weekday' };
};

const checkWorkdayCount = (n: number): void => {
  if (!Number.isInteger(n) || n === 0) throw validationError(`工作日数须为非零整数，收到 ${n}`);
};

/** Builds a calendar from the package's data and the overrides; `years` are indexed up front, others on first use. */
export const buildCalendar = ({ overrides, years = [] }: { overrides: readonly CalendarOverride[]; years?: readonly number[] }): Calendar => {
  const overridesByDate = new Map<string, CalendarOverride>();
  const overrideHolidayYears = new Set<number>();
  for (const override of overrides) {
    toEpochDay(override.date); // a malformed override must fail loudly, not be silently ignored
    overridesByDate.set(override.date, override);
    if (override.kind === 'holiday') overrideHolidayYears.add(yearOf(override.date));
  }

  const isYearKnown = (year: number): boolean => officialYears.has(year) || overrideHolidayYears.has(year);

  const indexes = new Map<number, YearIndex>();
  const indexOf = (year: number): YearIndex => {
    const cached = indexes.get(year);
    if (cached) return cached;
    if (year < MIN_YEAR || year > MAX_YEAR) throw validationError(`日期超出可计算范围（${MIN_YEAR}–${MAX_YEAR} 年）`);
    const firstDay = firstDayOfYear(year);
    const length = daysInYear(year);
    const isWork = new Uint8Array(length);
    const prefix = new Int32Array(length + 1);
    for (let i = 0; i < length; i += 1) {
      const date = fromEpochDay(firstDay + i);
      isWork[i] = describe(date, firstDay + i, overridesByDate.get(date), isYearKnown(year)).isWorkday ? 1 : 0;
      prefix[i + 1] = prefix[i]! + isWork[i]!;
    }
    const index = { firstDay, isWork, prefix };
    indexes.set(year, index);
    return index;
  };
  for (const year of years) indexOf(year);

  const locate = (date: string) => {
    const epochDay = toEpochDay(date); // validates before the year is read from the string
    const year = yearOf(date);
    const index = indexOf(year);
    return { year, index, dayOfYear: epochDay - index.firstDay };
  };
  const total = (index: YearIndex): number => index.prefix[index.isWork.length]!;

  /** The day of the year holding its `target`-th working day (1-based; target ≤ the year's total). */
  const nthWorkdayOfYear = (index: YearIndex, target: number): string => {
    let low = 0;
    let high = index.isWork.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (index.prefix[middle + 1]! >= target) high = middle;
      else low = middle + 1;
    }
    return fromEpochDay(index.firstDay + low);
  };

  const isWorkday = (date: string): boolean => {
    const { index, dayOfYear } = locate(date);
    return index.isWork[dayOfYear] === 1;
  };

  const addWorkdays = (date: string, n: number): string => {
    checkWorkdayCount(n);
    let { year, index, dayOfYear } = locate(date);
    if (n > 0) {
      let target = index.prefix[dayOfYear + 1]! + n; // counted from the start of `year`
      while (target > total(index)) {
        target -= total(index);
        year += 1;
        index = indexOf(year);
      }
      return nthWorkdayOfYear(index, target);
    }
    let target = index.prefix[dayOfYear]! + n + 1; // working days strictly before `date`, stepped back
    while (target < 1) {
      year -= 1;
      index = indexOf(year);
      target += total(index);
    }
    return nthWorkdayOfYear(index, target);
  };

  /** Working days from 1 January of `year` through `date` inclusive, for any later-or-equal year. */
  const countThrough = (date: string, fromYear: number): number => {
    const { year, index, dayOfYear } = locate(date);
    let count = index.prefix[dayOfYear + 1]!;
    for (let y = fromYear; y < year; y += 1) count += total(indexOf(y));
    return count;
  };

  const workdaysBetween = (from: string, to: string): number => {
    if (to < from) return -workdaysBetween(to, from);
    toEpochDay(from);
    toEpochDay(to);
    const baseYear = yearOf(from);
    return countThrough(to, baseYear) - countThrough(from, baseYear);
  };

  const restDaysBetween = (from: string, to: string): string[] => {
    const last = toEpochDay(to);
    const rest: string[] = [];
    for (let day = toEpochDay(from) + 1; day <= last; day += 1) {
      const date = fromEpochDay(day);
      if (!isWorkday(date)) rest.push(date);
    }
    return rest;
  };

  return {
    isWorkday,
    addWorkdays,
    nextWorkday: (date) => (isWorkday(date) ? date : addWorkdays(date, 1)),
    workdaysBetween,
    describeDay: (date) => describe(date, toEpochDay(date), overridesByDate.get(date), isYearKnown(yearOf(date))),
    hasOfficialData: isYearKnown,
    restDaysBetween,
  };
};
