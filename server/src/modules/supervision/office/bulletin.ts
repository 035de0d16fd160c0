/**
 * 督查通报: compiled for a period from the items' states — how many items, how many closed and closed on
 * time, which units finished everything on time, which items are late (a table) — as 正文 blocks the
 * 督查室 then edits freely before it is issued. Pure: the caller reads the items; the numbers here are
 * counted from them, never typed.
 */
import type { DocumentBodyBlock, DocumentTableCell } from '../../../platform/documents/document.types.js';

/** An item as the 通报 needs it. `closedOn`: the day it was 销号 (null while open). */
export type BulletinItem = {
  serialNo: string;
  title: string;
  leadUnitName: string;
  deadline: string | null;
  closedOn: string | null;
  light: 'green' | 'yellow' | 'red' | 'done';
};

export type BulletinFigures = {
  total: number;
  closed: number;
  closedOnTime: number;
  open: number;
  overdue: number;
  red: number;
  yellow: number;
  /** Units whose every item in the period was closed by its deadline. */
  onTimeUnits: string[];
  /** Units with at least one item past its deadline and not closed, most late items first. */
  lateUnits: Array<{ unit: string; items: number }>;
};

const isLate = (item: BulletinItem, asOf: string) => item.closedOn === null && item.deadline !== null && item.deadline < asOf;
const onTime = (item: BulletinItem) => item.closedOn !== null && (item.deadline === null || item.closedOn <= item.deadline);

/** The figures as of `asOf` (the period's last day). */
export const bulletinFigures = (items: readonly BulletinItem[], asOf: string): BulletinFigures => {
  const byUnit = new Map<string, BulletinItem[]>();
  for (const item of items) byUnit.set(item.leadUnitName, [...(byUnit.get(item.leadUnitName) ?? []), item]);
  const lateUnits = [...byUnit.entries()]
    .map(([unit, unitItems]) => ({ unit, items: unitItems.filter((item) => isLate(item, asOf)).length }))
    .filter((entry) => entry.items > 0)
    .sort((a, b) => b.items - a.items || a.unit.localeCompare(b.unit, 'zh-CN'));
  const onTimeUnits = [...byUnit.entries()]
    .filter(([, unitItems]) => unitItems.every(onTime))
    .map(([unit]) => unit)
    .sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return {
    total: items.length,
    closed: items.filter((item) => item.closedOn !== null).length,
    closedOnTime: items.filter(onTime).length,
    open: items.filter((item) => item.closedOn === null).length,
    overdue: items.filter((item) => isLate(item, asOf)).length,
    red: items.filter((item) => item.light === 'red').length,
    yellow: items.filter((item) => item.light === 'yellow').length,
    onTimeUnits,
    lateUnits,
  };
};

/** 85.7%: one decimal, none when whole; 「—」 when there is nothing to divide. */
export const percent = (part: number, whole: number): string => {
  if (whole === 0) return '—';
  const value = Math.round((part / whole) * 1000) / 10;
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)}%`;
};

const worded = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

const lightWords: Record<BulletinItem['light'], string> = { green: '正常推进', yellow: '进度滞后', red: '严重滞后', done: '已销号' };

/**
 * The draft's 正文: 一、总体情况 with the counts; 二、按时完成的单位; 三、逾期未办结事项 with a table;
 * 四、下步要求 as a paragraph the 督查室 rewrites. Sections with nothing to say say so, rather than vanish.
 */
export const compileBulletinBody = ({ items, from, to }: { items: readonly BulletinItem[]; from: string; to: string }): DocumentBodyBlock[] => {
  const figures = bulletinFigures(items, to);
  const late = items.filter((item) => isLate(item, to)).sort((a, b) => (a.deadline ?? '').localeCompare(b.deadline ?? '') || a.serialNo.localeCompare(b.serialNo));
  const paragraph = (text: string): DocumentBodyBlock => ({ level: 0, prefix: '', text });
  const heading = (prefix: string, text: string): DocumentBodyBlock => ({ level: 1, prefix, text });
  const blocks: DocumentBodyBlock[] = [
    paragraph(`现将${worded(from)}至${worded(to)}督查督办事项办理情况通报如下。`),
    heading('一、', '总体情况'),
    paragraph(
      figures.total === 0
        ? '本期没有立项督办的事项。'
        : `本期督办事项共 ${figures.total} 项，已办结 ${figures.closed} 项，办结率 ${percent(figures.closed, figures.total)}；其中按时办结 ${figures.closedOnTime} 项，按时办结率 ${percent(figures.closedOnTime, figures.total)}。正在办理 ${figures.open} 项，其中逾期未办结 ${figures.overdue} 项；亮红灯 ${figures.red} 项、黄灯 ${figures.yellow} 项。`,
    ),
    heading('二、', '按时完成的单位'),
    paragraph(figures.onTimeUnits.length === 0 ? '本期没有全部事项均按时办结的单位。' : `${figures.onTimeUnits.join('、')}承办的督办事项均已按时办结，予以通报表扬。`),
    heading('三、', '逾期未办结事项'),
  ];
  if (late.length === 0) {
    blocks.push(paragraph('本期没有逾期未办结的事项。'));
  } else {
    blocks.push(paragraph(`${figures.lateUnits.map((entry) => `${entry.unit}（${entry.items} 项）`).join('、')}有事项逾期未办结，具体如下：`));
    const header: DocumentTableCell[] = ['序号', '督办事项', '牵头单位', '完成时限', '状态'].map((text) => ({ text, isHeader: true, align: 'center' }));
    const rows: DocumentTableCell[][] = late.map((item, index) => [
      { text: String(index + 1), align: 'center' },
      { text: `${item.title}（${item.serialNo}）` },
      { text: item.leadUnitName, align: 'center' },
      { text: item.deadline ?? '—', align: 'center' },
      { text: lightWords[item.light], align: 'center' },
    ]);
    blocks.push({ kind: 'table', columnWidths: [1, 7, 3, 2.5, 2], rows: [header, ...rows] });
  }
  blocks.push(
    heading('四、', '下步要求'),
    paragraph('请逾期未办结事项的牵头单位认真分析原因，明确整改措施和完成时限，于 5 个工作日内将整改情况书面报送市政府督查室。各牵头单位要压实责任，按时间节点推进，确保各项督办事项按期办结。'),
  );
  return blocks;
};
