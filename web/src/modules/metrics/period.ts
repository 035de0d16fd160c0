/**
 * The period a statistics page looks at — a year, a quarter, a month, or any dates — kept in the
 * URL (?period=quarter&at=2026-04-01), and the dates it covers. A period that has not ended yet
 * stops at today, so that 同比 compares the same days of last year.
 */
import type { Dayjs } from 'dayjs';
import { toPickerValue, officeNow } from '../../app/time.js';

export const periodModes = ['year', 'quarter', 'month', 'custom'] as const;
export type PeriodMode = (typeof periodModes)[number];
export const periodLabels: Record<PeriodMode, string> = { year: '年度', quarter: '季度', month: '月度', custom: '自定义' };

export type Period = { mode: PeriodMode; at: Dayjs; from: Dayjs; to: Dayjs };

const isDate = (value: string | null): value is string => Boolean(value && /^\d{4}-\d{2}-\d{2}$/.test(value) && toPickerValue(value).isValid());

const startOf = (mode: Exclude<PeriodMode, 'custom'>, at: Dayjs): Dayjs =>
  mode === 'quarter' ? at.month(Math.floor(at.month() / 3) * 3).startOf('month') : at.startOf(mode);

const endOf = (mode: Exclude<PeriodMode, 'custom'>, at: Dayjs): Dayjs => (mode === 'quarter' ? startOf('quarter', at).add(2, 'month').endOf('month') : at.endOf(mode));

export const periodOf = (params: URLSearchParams, today: Dayjs = officeNow()): Period => {
  const mode = periodModes.find((value) => value === params.get('period')) ?? 'year';
  const atParam = params.get('at');
  const at = isDate(atParam) ? toPickerValue(atParam) : today;
  if (mode === 'custom') {
    const fromParam = params.get('from');
    const toParam = params.get('to');
    const from = isDate(fromParam) ? toPickerValue(fromParam) : today.startOf('year');
    const asked = isDate(toParam) ? toPickerValue(toParam) : today;
    // Counted to today at most, as the server counts it (and as the other modes are cut): the page says what it shows.
    const to = asked.isAfter(today, 'day') && !from.isAfter(today, 'day') ? today : asked;
    return { mode, at, from, to: to.isBefore(from) ? from : to };
  }
  const end = endOf(mode, at);
  return { mode, at, from: startOf(mode, at), to: end.isAfter(today, 'day') ? today : end };
};

export const periodParams = (period: Pick<Period, 'mode' | 'at' | 'from' | 'to'>): Record<string, string> =>
  period.mode === 'custom'
    ? { period: 'custom', from: period.from.format('YYYY-MM-DD'), to: period.to.format('YYYY-MM-DD') }
    : { period: period.mode, at: period.at.format('YYYY-MM-DD') };

/** 2026 年, 2026 年第二季度, 2026 年 3 月, 2026-01-05 至 2026-02-10, with 「截至 11 月 22 日」 for an open period. */
export const describePeriod = (period: Period, today: Dayjs = officeNow()): string => {
  const { mode, from, to } = period;
  const until = mode !== 'custom' && to.isSame(today, 'day') ? `（截至 ${to.format('M 月 D 日')}）` : '';
  if (mode === 'year') return `${from.year()} 年${until}`;
  if (mode === 'quarter') return `${from.year()} 年第${'一二三四'[Math.floor(from.month() / 3)]}季度${until}`;
  if (mode === 'month') return `${from.format('YYYY 年 M 月')}${until}`;
  return `${from.format('YYYY-MM-DD')} 至 ${to.format('YYYY-MM-DD')}`;
};
