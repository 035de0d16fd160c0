/**
 * Register rows → 收文 fields, checked by the kind's own schema (IncomingFields), every problem
 * of every row named in Chinese — so the whole file is judged before anything is written. Real
 * registers are forgiving about form: a missing 文种 is read from the title, 普通/无 mean 非涉密,
 * 文号 are normalised as at 登记 (the typed form kept), rows still being handled come in as 待拟办.
 */
import { createHash } from 'node:crypto';
import { inferDocumentType, type DocumentType } from '../../../../../common/documents/official.js';
import { normalizeDocNumber } from '../../../../../common/documents/doc-number.js';
import { validationError } from '../../../platform/errors.js';
import { IncomingFields } from '../incoming.fields.js';
import { describeCellIssue, parseCount, quote, textOf } from '../../../platform/registers/cells.js';
import { MAX_IMPORT_ROWS, type CellValue, type Register } from '../../../platform/registers/read-register.js';
import { MIN_YEAR, parseRegisterDate, readRegisterDate, yearOfRegister } from '../../../platform/registers/register-dates.js';
import { fieldLabels, type ColumnMapping, type ImportField } from './register-columns.js';

export { MAX_IMPORT_ROWS, parseRegisterDate };

/** Where a historical 收文 ends: 办结 (filed as a 阅件), 办结 then 归档, 退回 at 初审 — or still open, waiting for 拟办. */
export type FinalState = 'closed' | 'archived' | 'returned' | 'open';

export type ParsedRow = {
  row: number;
  fields: IncomingFields;
  finalState: FinalState;
  returnReason?: string;
  /** 办结日期 when the register gives one: the day the case is closed on. */
  closedOn?: string;
  isDocTypeInferred: boolean;
  key: string;
  /** 来文机关 + 来文字号, normalised: the same document registered twice (as at 登记); null without a 文号. */
  documentKey: string | null;
};
export type InvalidRow = { row: number; errors: string[] };
export type ParsedRegister = { rows: number; valid: ParsedRow[]; invalid: InvalidRow[] };

// What registers write in 办理情况. An empty cell means 办结 unless a 办结日期 column says otherwise.
const statusWords: Record<FinalState, readonly string[]> = {
  closed: ['办结', '已办结', '已办', '办毕', '已办毕', '办完', '已办完', '已办理', '完成', '已完成', '已阅', '阅件', '已传阅'],
  archived: ['归档', '已归档', '存档', '已存档'],
  returned: ['退回', '已退回', '退文', '已退文', '退件'],
  open: ['在办', '办理中', '正在办理', '承办中', '未办结', '未办', '待办', '待办理', '拟办', '待拟办', '批办中', '待批办', '未完成'],
};
const urgencyWords: Record<string, string> = { 普通: '平急', 一般: '平急', 平件: '平急' };
/** How registers write 非涉密: the 密级 column of an ordinary document. */
const nonSecretWords = new Set(['', '非涉密', '普通', '无', '公开', '非密', '一般', '-', '—', '/']);
const secretWords = /秘密|机密|绝密/;

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

/** 来文机关 + 来文字号 as one key: the rule of 登记 (incoming.kind onCreated) for the same document twice. */
export const documentKeyOf = (fields: Pick<IncomingFields, 'fromOrg' | 'docNumber'>): string | null =>
  fields.docNumber ? `${keyPart(fields.fromOrg)}|${keyPart(normalizeDocNumber(fields.docNumber))}` : null;

type RowContext = { today: string; isDate1904: boolean; year: number | undefined; defaultDocType: DocumentType | undefined; hasClosedOn: boolean };

const parseRow = (cells: readonly CellValue[], mapping: ColumnMapping, context: RowContext): { errors: string[]; parsed?: Omit<ParsedRow, 'row' | 'key' | 'documentKey'> } => {
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
  const dateOf = (field: 'receivedOn' | 'closedOn'): string | undefined => {
    if (raw(field) === '') return undefined;
    const reading = readRegisterDate(cell(field), { isDate1904: context.isDate1904, year: context.year });
    const label = fieldLabels[field];
    if (reading.reason === '无法识别' || (reading.date && Number(reading.date.slice(0, 4)) < MIN_YEAR)) {
      errors.set(field, `${label}${quote(raw(field))}不是有效日期（可写 2026-03-05、2026年3月5日 或 2026.3.5）`);
    } else if (reading.reason) errors.set(field, `${label}${quote(raw(field))}不是有效日期：${reading.reason}`);
    else if (reading.date! > context.today) errors.set(field, `${label} ${reading.date} 晚于今天`);
    else return reading.date;
    return undefined;
  };

  const receivedOn = dateOf('receivedOn');
  if (receivedOn) candidate.receivedOn = receivedOn;
  const closedOn = dateOf('closedOn');
  if (closedOn && receivedOn && closedOn < receivedOn) errors.set('closedOn', `办结日期 ${closedOn} 早于收文日期 ${receivedOn}`);
  for (const field of ['fromOrg', 'title', 'disclosure', 'remarks'] as const) setText(field);
  if (raw('docNumber') !== '') {
    const typed = raw('docNumber');
    candidate.docNumber = normalizeDocNumber(typed);
    if (candidate.docNumber !== typed) candidate.docNumberAsWritten = typed;
  }
  let isDocTypeInferred = false;
  if (raw('docType') !== '') candidate.docType = raw('docType');
  else {
    const inferred = inferDocumentType(raw('title')) ?? context.defaultDocType;
    if (inferred) {
      candidate.docType = inferred;
      isDocTypeInferred = true;
    } else if (raw('title') !== '') errors.set('docType', '缺少文种，标题也看不出文种：请在登记簿中补写，或在列对应中选择默认文种');
  }
  const secrecy = raw('secrecy').normalize('NFKC').replace(/\s+/g, '');
  if (nonSecretWords.has(secrecy)) candidate.secrecy = '非涉密';
  else if (secretWords.test(secrecy)) candidate.secrecy = raw('secrecy');
  else errors.set('secrecy', `密级${quote(raw('secrecy'))}无法识别：非涉密公文可写 普通、无、公开、非密 或留空`);
  if (raw('urgency') !== '') candidate.urgency = urgencyWords[raw('urgency')] ?? raw('urgency');
  for (const field of ['copies', 'pages'] as const) {
    if (raw(field) === '') continue;
    const count = parseCount(cell(field));
    if (count === undefined) errors.set(field, `${fieldLabels[field]}${quote(raw(field))}应为整数`);
    else candidate[field] = count;
  }
  const status = raw('status');
  const finalState: FinalState | undefined =
    status === '' ? (context.hasClosedOn && raw('closedOn') === '' ? 'open' : 'closed') : (finalStateOf(status) ?? (closedOn ? 'closed' : undefined));
  if (!finalState) {
    errors.set('status', `办理情况${quote(status)}无法识别：可写 办结、归档、退回，或 在办、办理中（导入为待拟办）`);
  } else if (finalState === 'returned' && raw('remarks') === '') {
    errors.set('status', '办理情况为「退回」的，须在备注中写明退回理由（条例第二十四条）');
  }

  const checked = IncomingFields.safeParse(candidate);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = (issue.path[0] === 'docNumberAsWritten' ? 'docNumber' : issue.path[0]) as ImportField;
      // A cell that could not be read at all already has its reason; the schema would only add 缺少….
      if (!errors.has(field)) errors.set(field, describeCellIssue(issue, { label: fieldLabels[field], raw: raw(field), notAllowed: field === 'docType' ? '不是条例规定的文种' : undefined }));
    }
  }
  if (errors.size > 0 || !checked.success || !finalState) return { errors: [...errors.values()] };
  return {
    errors: [],
    parsed: {
      fields: checked.data,
      finalState,
      isDocTypeInferred,
      ...(closedOn && finalState !== 'open' && finalState !== 'returned' ? { closedOn } : {}),
      ...(finalState === 'returned' ? { returnReason: checked.data.remarks ?? '' } : {}),
    },
  };
};

/** The year of a register's dates written without one: its title, else the year most of its full dates are in. */
const yearOfRows = (register: Register, mapping: ColumnMapping): number | undefined => {
  const stated = yearOfRegister(register);
  if (stated !== undefined || mapping.receivedOn === null) return stated;
  const counts = new Map<number, number>();
  for (const { cells } of register.rows) {
    const date = parseRegisterDate(cells[mapping.receivedOn] ?? null, register.isDate1904);
    if (date) counts.set(Number(date.slice(0, 4)), (counts.get(Number(date.slice(0, 4))) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
};

/** Every row of the register under the mapping; rows whose mapped cells are all empty (a pre-numbered blank line) are not rows. */
export const parseRegisterRows = ({
  register,
  mapping,
  today,
  defaultDocType,
}: {
  register: Register;
  mapping: ColumnMapping;
  today: string;
  defaultDocType?: DocumentType | undefined;
}): ParsedRegister => {
  const mapped = Object.values(mapping).filter((index): index is number => index !== null);
  const dataRows = register.rows.filter((row) => mapped.some((index) => textOf(row.cells[index] ?? null) !== ''));
  if (dataRows.length > MAX_IMPORT_ROWS) throw validationError(`一次最多导入 ${MAX_IMPORT_ROWS} 行，请把登记簿分成几个文件导入`);
  const context: RowContext = { today, isDate1904: register.isDate1904, year: yearOfRows(register, mapping), defaultDocType, hasClosedOn: mapping.closedOn !== null };
  const valid: ParsedRow[] = [];
  const invalid: InvalidRow[] = [];
  for (const { row, cells } of dataRows) {
    const { errors, parsed } = parseRow(cells, mapping, context);
    if (parsed) valid.push({ row, ...parsed, key: importKeyOf(parsed.fields), documentKey: documentKeyOf(parsed.fields) });
    else invalid.push({ row, errors: errors.map((error) => `第 ${row} 行：${error}`) });
  }
  return { rows: dataRows.length, valid, invalid };
};
