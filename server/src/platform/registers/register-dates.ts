/**
 * Dates as registers hold them: real Excel dates, serial numbers, 20250305, and the ways people type
 * them (2025-3-5, 2025/03/05, 2025.3.5, 2025年3月5日, 25.3.5, and 3月5日 in a register whose title
 * gives the year). Generous where the reading is unambiguous; an impossible date is refused with why.
 */
import type { CellValue, Register } from './read-register.js';

/** Before the founding of the PRC a date in a register is a typing error, not history. */
export const MIN_YEAR = 1949;
const DAY_MS = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);

export type DateReading = { date: string; reason?: undefined } | { date?: undefined; reason: string };

const ymd = (year: number, month: number, day: number): DateReading => {
  if (month < 1 || month > 12) return { reason: `没有${month}月` };
  const date = new Date(Date.UTC(year, month - 1, day));
  if (day < 1 || date.getUTCMonth() !== month - 1) return { reason: `${year}年${month}月没有${day}日` };
  return { date: date.toISOString().slice(0, 10) };
};

const fullYear = (text: string) => (text.length === 2 ? 2000 + Number(text) : Number(text));

/** One register cell as a date, or why it is none. `year` serves dates written without one (3月5日). */
export const readRegisterDate = (value: CellValue, { isDate1904 = false, year }: { isDate1904?: boolean; year?: number } = {}): DateReading => {
  const invalid: DateReading = { reason: '无法识别' };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? invalid : { date: value.toISOString().slice(0, 10) };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 19_000_101 && value <= 29_991_231) return ymd(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100);
    if (value < 1 || value >= 2_958_466) return invalid;
    return { date: new Date((isDate1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH) + Math.floor(value) * DAY_MS).toISOString().slice(0, 10) };
  }
  if (typeof value !== 'string') return invalid;
  const text = value.normalize('NFKC').trim();
  const full = /^(\d{4}|\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT].*)?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (full) return ymd(fullYear(full[1]!), Number(full[2]), Number(full[3]));
  const monthDay = /^(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/.exec(text);
  if (!monthDay) return invalid;
  if (year === undefined) return { reason: '未写年份，登记簿标题中也没有年份' };
  return ymd(year, Number(monthDay[1]), Number(monthDay[2]));
};

/** A register date as YYYY-MM-DD, or undefined: for callers that word the refusal themselves. */
export const parseRegisterDate = (value: CellValue, isDate1904 = false): string | undefined => readRegisterDate(value, { isDate1904 }).date;

/** The year a register is for: 「2025年收文登记簿」 above the headers, or the sheet's name (2025年). */
export const yearOfRegister = (register: Pick<Register, 'titleLines' | 'sheet'>): number | undefined => {
  for (const text of [...register.titleLines, register.sheet]) {
    const match = /((?:19|20)\d{2})\s*年?/.exec(text.normalize('NFKC'));
    if (match) return Number(match[1]);
  }
  return undefined;
};
