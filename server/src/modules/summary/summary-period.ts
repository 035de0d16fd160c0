/**
 * The words a template's placeholders take for a period and an office: {机关} the office (or unit), {上级}
 * its leadership, {年度} "2026年", {下年} "2027年", {期间} "2026年上半年" or "2026年11月", {信箱} the
 * leader's mailbox. Dates are the only figures a template carries that are not metrics. Pure.
 */
import type { OfficeLevel, PeriodKind } from './summary-templates.js';
import { levelWords } from './summary-templates.js';

export type PeriodWords = Record<'机关' | '上级' | '年度' | '下年' | '期间' | '信箱', string>;

/** The level an office's name suggests when a template names none (…市人民政府办公室 → 市). */
export const levelOfOrgan = (organName: string): OfficeLevel => {
  if (/开发区|高新区|新区|园区|管委会/.test(organName)) return '开发区';
  if (/县/.test(organName)) return '县';
  if (/区/.test(organName)) return '区';
  return '市';
};

export const periodWords = ({ periodKind, from, to, level, organName }: { periodKind: PeriodKind; from: string; to: string; level: OfficeLevel | null; organName: string }): PeriodWords => {
  const year = Number(from.slice(0, 4));
  const words = levelWords[level ?? levelOfOrgan(organName)];
  const month = Number(from.slice(5, 7));
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const period =
    periodKind === 'month'
      ? `${year}年${month}月`
      : periodKind === 'half'
        ? `${year}年${month <= 6 ? '上' : '下'}半年`
        : sameYear
          ? `${year}年`
          : `${year}年至${to.slice(0, 4)}年`;
  return { 机关: organName, 上级: words.superior, 年度: `${year}年`, 下年: `${year + 1}年`, 期间: period, 信箱: words.mailbox };
};

/** Fills {机关} … in a template text; number tokens ({{…}}) are left for the reader. */
export const fillPlaceholders = (text: string, words: PeriodWords): string =>
  text.replace(/\{(机关|上级|年度|下年|期间|信箱)\}/g, (_, key: keyof PeriodWords) => words[key]);
