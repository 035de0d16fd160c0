/**
 * Register rows → 收文 fields, checked by the kind's own schema (IncomingFields), every problem
 * of every row named in Chinese — so the whole file is judged before anything is written.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { validationError } from '../../../platform/errors.js';
import { IncomingFields } from '../incoming.fields.js';
import type { CellValue, Register } from './read-register.js';
import { fieldLabels, type ColumnMapping, type ImportField } from './register-columns.js';

export const MAX_IMPORT_ROWS = 5_000;

/** Where a historical 收文 ends: 办结 (filed as a 阅件), 办结 then 归档, or 退回 at 初审. */
export type FinalState = 'closed' | 'archived' | 'returned';

export type ParsedRow = { row: number; fields: IncomingFields; finalState: FinalState; returnReason?: string; key: string };
export type InvalidRow = { row: number; errors: string[] };
export type ParsedRegister = { rows: number; valid: ParsedRow[]; invalid: InvalidRow[] };

// What registers write in 办理情况. An empty cell in a historical register means the document was dealt with.
const statusWords: Record<FinalState, readonly string[]> = {
  closed: ['', '办结', '已办结', '已办', '办毕', '已办毕', '办完', '已办完', '已办理', '完成', '已完成', '已阅', '阅件', '已传阅'],
  archived: ['归档', '已归档', '存档', '已存档'],
  returned: ['退回', '已退回', '退文', '已退文', '退件'],
};
const urgencyWords: Record<string, string> = { 普通: '平急', 一般: '平急', 平件: '平急' };

/** Before the founding of the PRC a date in a 收文登记簿 is a typing error, not history. */
const MIN_YEAR = 1949;
const DAY_MS = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);

const isoDate = (year: number, month: number, day: number): string | undefined => {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
};

/**
 * A register date: a real Excel date (exceljs gives it as UTC midnight of the calendar day), a serial
 * number, 20260305, or text such as 2026-3-5, 2026/3/5, 2026.3.5, 2026年3月5日 (a time after it is ignored).
 */
export const parseRegisterDate = (value: CellValue, isDate1904 = false): string | undefined => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 19_000_101 && value <= 29_991_231) {
      return isoDate(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100);
    }
    if (value < 1 || value >= 2_958_466) return undefined;
    return new Date((isDate1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH) + Math.floor(value) * DAY_MS).toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return undefined;
  const text = value.normalize('NFKC').trim();
  const match =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT].*)?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
};

/** A cell as text: spaces collapsed, a date as YYYY-MM-DD, empty for nothing. */
export const textOf = (value: CellValue): string => {
  if (value === null) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value).replace(/\s+/g, ' ').trim();
};

/** Long values are cut in messages: the user needs to recognise the cell, not reread it. */
export const quote = (text: string) => `「${text.length > 30 ? `${text.slice(0, 30)}…` : text}」`;

/** 份数 and 页数: a whole number, also written as 2份, 12页 or in full-width digits. */
export const parseCount = (value: CellValue): number | undefined => {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  const text = textOf(value).normalize('NFKC').replace(/[份页件张册]$/, '').trim();
  return /^-?\d+$/.test(text) ? Number(text) : undefined;
};

type ZodIssue = z.core.$ZodIssue;

const hasChinese = (text: string) => /\p{Script=Han}/u.test(text);

/**
 * A schema issue about one cell, in words a clerk understands. The kind's schemas speak Chinese where
 * it matters (涉密, 份数, 文号); the generic cases are worded here. Shared by the 收文 and 发文 imports.
 */
export const describeCellIssue = (issue: ZodIssue, { label, raw, isDocType }: { label: string; raw: string; isDocType: boolean }): string => {
  if (raw === '') return `缺少${label}`;
  if (issue.code === 'invalid_value') {
    if (isDocType) return `文种${quote(raw)}不是条例规定的文种`;
    return `${label}${quote(raw)}应为${issue.values.map(String).join('、')}之一`;
  }
  if (issue.code === 'too_big' && issue.origin === 'string') return `${label}过长（最多 ${String(issue.maximum)} 字）`;
  if (issue.code === 'too_big' && issue.origin === 'array') return `${label}过多（最多 ${String(issue.maximum)} 个）`;
  if (issue.code === 'too_small' && issue.origin === 'string') return `${label}${quote(raw)}过短（至少 ${String(issue.minimum)} 字）`;
  if (hasChinese(issue.message)) return `${label}${quote(raw)}：${issue.message}`;
  if (issue.code === 'too_big') return `${label}${quote(raw)}不能大于 ${String(issue.maximum)}`;
  if (issue.code === 'too_small') return `${label}${quote(raw)}不能小于 ${String(issue.minimum)}`;
  return `${label}${quote(raw)}格式不正确`;
};

const finalStateOf = (status: string): FinalState | undefined => {
  const word = status.normalize('NFKC').replace(/\s+/g, '');
  return (Object.keys(statusWords) as FinalState[]).find((state) => statusWords[state].includes(word));
};

const keyPart = (text: string | undefined) => (text ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** The row's identity across imports: sha256 of the normalised 来文机关|来文字号|标题|收文日期. */
export const importKeyOf = (fields: Pick<IncomingFields, 'fromOrg' | 'docNumber' | 'title' | 'receivedOn'>): string =>
  createHash('sha256')
    .update([fields.fromOrg, fields.docNumber, fields.title, fields.receivedOn].map(keyPart).join('|'))
    .digest('hex');

const parseRow = (
  cells: readonly CellValue[],
  mapping: ColumnMapping,
  { today, isDate1904 }: { today: string; isDate1904: boolean },
): { errors: string[]; parsed?: Omit<ParsedRow, 'row' | 'key'> } => {
  const cell = (field: ImportField): CellValue => {
    const index = mapping[field];
    return index === null ? null : (cells[index] ?? null);
  };
  const raw = (field: ImportField) => textOf(cell(field));
  const errors = new Map<ImportField, string>();
  const candidate: Record<string, unknown> = {};
  const setText = (field: ImportField) => {
    if (raw(field) !== '') candidate[field] = raw(field);
  };

  if (raw('receivedOn') !== '') {
    const date = parseRegisterDate(cell('receivedOn'), isDate1904);
    if (!date || Number(date.slice(0, 4)) < MIN_YEAR) {
      errors.set('receivedOn', `收文日期${quote(raw('receivedOn'))}不是有效日期（可写 2026-03-05、2026年3月5日 或 2026.3.5）`);
    } else if (date > today) errors.set('receivedOn', `收文日期 ${date} 晚于今天`);
    else candidate.receivedOn = date;
  }
  for (const field of ['fromOrg', 'docNumber', 'docType', 'title', 'secrecy', 'disclosure', 'remarks'] as const) setText(field);
  if (raw('urgency') !== '') candidate.urgency = urgencyWords[raw('urgency')] ?? raw('urgency');
  for (const field of ['copies', 'pages'] as const) {
    if (raw(field) === '') continue;
    const count = parseCount(cell(field));
    if (count === undefined) errors.set(field, `${fieldLabels[field]}${quote(raw(field))}应为整数`);
    else candidate[field] = count;
  }
  const finalState = finalStateOf(raw('status'));
  if (!finalState) {
    errors.set('status', `办理情况${quote(raw('status'))}无法导入：历史收文只能按办结、归档或退回导入，尚在办理的请逐件登记`);
  } else if (finalState === 'returned' && raw('remarks') === '') {
    errors.set('status', '办理情况为「退回」的，须在备注中写明退回理由（条例第二十四条）');
  }

  const checked = IncomingFields.safeParse(candidate);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = issue.path[0] as ImportField;
      // A cell that could not be read at all already has its reason; the schema would only add 缺少….
      if (!errors.has(field)) errors.set(field, describeCellIssue(issue, { label: fieldLabels[field], raw: raw(field), isDocType: field === 'docType' }));
    }
  }
  if (errors.size > 0 || !checked.success || !finalState) return { errors: [...errors.values()] };
  return {
    errors: [],
    parsed: { fields: checked.data, finalState, ...(finalState === 'returned' ? { returnReason: checked.data.remarks ?? '' } : {}) },
  };
};

/** Every row of the register under the mapping; rows whose mapped cells are all empty (a pre-numbered blank line) are not rows. */
export const parseRegisterRows = ({ register, mapping, today }: { register: Register; mapping: ColumnMapping; today: string }): ParsedRegister => {
  const mapped = Object.values(mapping).filter((index): index is number => index !== null);
  const dataRows = register.rows.filter((row) => mapped.some((index) => textOf(row.cells[index] ?? null) !== ''));
  if (dataRows.length > MAX_IMPORT_ROWS) throw validationError(`一次最多导入 ${MAX_IMPORT_ROWS} 行，请把登记簿分成几个文件导入`);
  const valid: ParsedRow[] = [];
  const invalid: InvalidRow[] = [];
  for (const { row, cells } of dataRows) {
    const { errors, parsed } = parseRow(cells, mapping, { today, isDate1904: register.isDate1904 });
    if (parsed) valid.push({ row, ...parsed, key: importKeyOf(parsed.fields) });
    else invalid.push({ row, errors: errors.map((error) => `第 ${row} 行：${error}`) });
  }
  return { rows: dataRows.length, valid, invalid };
};
