/**
 * 发文登记簿 rows → 发文 fields and 文号, checked by the kind's own schema (OutgoingFields) and the
 * 文号 rules (checkDocNumberText), every problem of every row named in Chinese. What needs the
 * database (代字 known, 文号 free) is checked after, in check-rows.ts.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { validationError } from '../../../platform/errors.js';
import { directions, OutgoingFields, type Direction } from '../../../../../common/schemas/outgoing.js';
import type { DocumentType } from '../../../../../common/documents/official.js';
import { foldDocNumber } from '../../../../../common/documents/doc-number.js';
import { checkDocNumberText, formatDocNumber } from '../doc-numbers.service.js';
import { describeCellIssue, parseCount, quote, textOf } from '../../../platform/registers/cells.js';
import { MAX_IMPORT_ROWS, type CellValue, type Register } from '../../../platform/registers/read-register.js';
import { MIN_YEAR, parseRegisterDate } from '../../../platform/registers/register-dates.js';
import { fieldLabels, type ColumnMapping, type ImportField } from './register-columns.js';

export const IMPORT_COMMENT = '历史登记导入';

/** Before the founding of the PRC a date in a 发文登记簿 is a typing error, not history. */

export type DocNumberParts = { issuerCode: string; year: number; no: number; text: string };
export type HistoricalSignOff = { signerName: string; byName: string; onBehalf: boolean; signedOn: string };

/** A row ready to import: its drafted fields, its 文号 (null: issued without one), and the dates of its trail. */
export type OutgoingRow = {
  row: number;
  fields: OutgoingFields;
  number: DocNumberParts | null;
  signOff: HistoricalSignOff | null;
  isDirectionInferred: boolean;
  /** The day the case is dated (签发日期, else 成文日期), then 登记, 印发 (= 核发). */
  createdOn: string;
  registeredOn: string;
  printedOn: string;
  key: string;
};

/** One row as parsed: its errors so far, what is known of its 文号 and 代字 even when it has errors, and the row when it has none. */
export type RowOutcome = { row: number; errors: string[]; number?: DocNumberParts; issuerCode?: string; parsed?: OutgoingRow };

// How registers write the absence of a 文号 (the 发文 ledger's export writes （无文号）).
const noNumberWords = new Set(['', '无', '无文号', '(无文号)', '不编号', '-', '—', '/']);
const directionWords: Record<string, Direction> = { 上行: '上行文', 平行: '平行文', 下行: '下行文' };
const urgencyWords: Record<string, string> = { 普通: '平急', 一般: '平急', 平件: '平急' };
const disclosureWords: Record<string, string> = { 公开: '主动公开', 主动: '主动公开', 依申请: '依申请公开', 不公开: '不予公开', 不予: '不予公开' };
/** A 不予公开 document needs a reason; a register has no column for it, so the record says so instead of inventing one. */
const UNSTATED_REASON = '历史登记导入：登记簿未载明不予公开的理由';

/** 行文方向 when the register has none: 请示, 报告 and 议案 go up, 函 goes across, the rest go down. */
export const inferDirection = (docType: DocumentType): Direction =>
  docType === '请示' || docType === '报告' || docType === '议案' ? '上行文' : docType === '函' ? '平行文' : '下行文';

/** Names in one cell: 各县（区）人民政府、市政府各部门 → two recipients. */
const namesOf = (text: string): string[] =>
  text
    .split(/[、，,；;\n\r]+/)
    .map((name) => name.trim())
    .filter((name) => name.length > 0);

/** 签发人 as the 发文 ledger writes it: 张明远, or 李红梅（代张明远） when signed on behalf. */
const signerOf = (text: string): { signerName: string; byName: string; onBehalf: boolean } => {
  const match = /^(.+?)\s*[（(]\s*代\s*(.+?)\s*[）)]$/.exec(text);
  return match ? { byName: match[1]!, signerName: match[2]!, onBehalf: true } : { byName: text, signerName: text, onBehalf: false };
};

const keyPart = (text: string | undefined) => (text ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** The row's identity across imports: sha256 of the normalised 文号|代字|标题|日期. */
export const importKeyOf = (row: { number: DocNumberParts | null; issuerCode: string; title: string; createdOn: string }): string =>
  createHash('sha256')
    .update(['outgoing', row.number?.text, row.issuerCode, row.title, row.createdOn].map(keyPart).join('|'))
    .digest('hex');

type ZodIssue = z.core.$ZodIssue;

/** Which column a schema issue is about: 不予公开's reason by 公开属性; a field no column feeds (none expected) by its name. */
const fieldOfIssue = (issue: ZodIssue): ImportField | undefined => {
  const key = String(issue.path[0]);
  if (key === 'disclosureReason') return 'disclosure';
  return key in fieldLabels ? (key as ImportField) : undefined;
};

type Context = { today: string; isDate1904: boolean };

/** 文号 as written → its parts, or the rules it breaks (六角括号, full year, no leading zero, no 第). */
const parseDocNumber = (raw: string, today: string): { number?: DocNumberParts; error?: string } => {
  // Folded as every 文号 is (common/documents/doc-number.ts), but not normalised: an office's own 文号 must be written to the standard.
  const text = foldDocNumber(raw);
  const problems = checkDocNumberText(text);
  const match = /^(.+)〔(\d{4})〕(\d+)号$/.exec(text);
  if (problems.length > 0 || !match) return { error: `文号${quote(raw)}不规范：${problems.join('；') || '应为 代字〔年份〕序号号'}` };
  const [issuerCode, year, no] = [match[1]!, Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR || year > Number(today.slice(0, 4))) return { error: `文号${quote(raw)}的年份 ${year} 不在 ${MIN_YEAR} 年至今年之间` };
  return { number: { issuerCode, year, no, text: formatDocNumber(issuerCode, year, no) } };
};

const parseRow = (cells: readonly CellValue[], mapping: ColumnMapping, { today, isDate1904 }: Context): Omit<RowOutcome, 'row'> => {
  const cell = (field: ImportField): CellValue => {
    const index = mapping[field];
    return index === null ? null : (cells[index] ?? null);
  };
  const raw = (field: ImportField) => textOf(cell(field));
  const errors = new Map<string, string>();
  const note = (field: string, message: string) => {
    if (!errors.has(field)) errors.set(field, message);
  };

  const dates: Partial<Record<ImportField, string>> = {};
  for (const field of ['signedOn', 'writtenOn', 'registeredOn', 'printedOn'] as const) {
    if (raw(field) === '') continue;
    const date = parseRegisterDate(cell(field), isDate1904);
    if (!date || Number(date.slice(0, 4)) < MIN_YEAR) note(field, `${fieldLabels[field]}${quote(raw(field))}不是有效日期（可写 2025-03-05、2025年3月5日 或 2025.3.5）`);
    else if (date > today) note(field, `${fieldLabels[field]} ${date} 晚于今天`);
    else dates[field] = date;
  }
  const signer = raw('signer') === '' ? undefined : signerOf(raw('signer'));
  // 成文日期 is the day of 签发 unless the register says otherwise (条例第九条); one of them is needed.
  const writtenOn = dates.writtenOn ?? dates.signedOn;
  const signedOn = dates.signedOn ?? (signer ? dates.writtenOn : undefined);
  const createdOn = dates.signedOn ?? dates.writtenOn;
  if (raw('signedOn') === '' && raw('writtenOn') === '') note('writtenOn', '缺少签发日期和成文日期（至少填写一项）');
  if (dates.signedOn && dates.writtenOn && dates.writtenOn < dates.signedOn) note('writtenOn', `成文日期 ${dates.writtenOn} 早于签发日期 ${dates.signedOn}`);
  const registeredOn = dates.registeredOn ?? writtenOn;
  if (dates.registeredOn && createdOn && dates.registeredOn < createdOn) note('registeredOn', `登记日期 ${dates.registeredOn} 早于${dates.signedOn ? '签发' : '成文'}日期 ${createdOn}`);
  const printedOn = dates.printedOn ?? registeredOn;
  const before = [writtenOn, registeredOn].filter((date): date is string => Boolean(date)).sort().at(-1);
  if (dates.printedOn && before && dates.printedOn < before) note('printedOn', `印发日期 ${dates.printedOn} 早于${before === writtenOn ? '成文' : '登记'}日期 ${before}`);

  const numberText = raw('docNumber');
  const isNumbered = !noNumberWords.has(numberText.normalize('NFKC').replace(/\s+/g, ''));
  const { number, error: numberError }: ReturnType<typeof parseDocNumber> = isNumbered ? parseDocNumber(numberText, today) : {};
  if (numberError) note('docNumber', numberError);
  const codeCell = raw('issuerCode').replace(/\s+/g, '');
  if (number && codeCell && codeCell !== number.issuerCode) note('issuerCode', `机关代字${quote(codeCell)}与文号中的代字「${number.issuerCode}」不一致`);
  if (!number && !errors.has('docNumber') && !codeCell) note('issuerCode', '无文号的公文须在「机关代字」一列写明机关代字');
  const issuerCode = number?.issuerCode ?? (codeCell || undefined);
  if (number && ![dates.signedOn, dates.writtenOn, dates.registeredOn, dates.printedOn].some((date) => date && Number(date.slice(0, 4)) === number.year)) {
    note('docNumber', `文号「${number.text}」的年份与签发、成文、登记、印发日期的年份都不相同`);
  }

  const candidate: Record<string, unknown> = { body: [{ level: 0, text: `${IMPORT_COMMENT}：本件据发文登记簿导入，系统中无正文。` }], numbered: Boolean(number) };
  if (issuerCode) candidate.issuerCode = issuerCode;
  for (const field of ['docType', 'title', 'remarks'] as const) if (raw(field) !== '') candidate[field] = raw(field);
  for (const field of ['mainTo', 'copyTo'] as const) candidate[field] = namesOf(raw(field)).map((name) => ({ name }));
  if (raw('urgency') !== '') candidate.urgency = urgencyWords[raw('urgency')] ?? raw('urgency');
  if (raw('disclosure') !== '') candidate.disclosure = disclosureWords[raw('disclosure')] ?? raw('disclosure');
  if (candidate.disclosure === '不予公开') candidate.disclosureReason = UNSTATED_REASON;
  if (writtenOn) candidate.writtenOn = writtenOn;
  if (raw('copies') !== '') {
    const count = parseCount(cell('copies'));
    if (count === undefined) note('copies', `印发份数${quote(raw('copies'))}应为整数`);
    else candidate.copies = count;
  }
  const directionText = raw('direction').replace(/\s+/g, '');
  const isDirectionInferred = directionText === '';
  if (!isDirectionInferred) {
    const direction = directionWords[directionText] ?? directionText;
    if ((directions as readonly string[]).includes(direction)) candidate.direction = direction;
    else note('direction', `行文方向${quote(directionText)}应为上行文、平行文、下行文之一`);
  } else if (typeof candidate.docType === 'string') {
    candidate.direction = inferDirection(candidate.docType as DocumentType);
  }

  const checked = OutgoingFields.safeParse(candidate);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = fieldOfIssue(issue);
      if (!field) {
        note(issue.path.join('.'), issue.message);
        continue;
      }
      // The 代字 and 方向 are derived: their problems are told where they came from.
      if (field === 'direction' && !('direction' in candidate)) continue;
      if (field === 'issuerCode' && errors.has('docNumber')) continue;
      note(field, describeCellIssue(issue, { label: fieldLabels[field], raw: field === 'issuerCode' ? (issuerCode ?? '') : raw(field), notAllowed: field === 'docType' ? '不是条例规定的文种' : undefined }));
    }
  }
  const known = { ...(number ? { number } : {}), ...(issuerCode ? { issuerCode } : {}) };
  if (errors.size > 0 || !checked.success || !createdOn || !writtenOn || !registeredOn || !printedOn) return { errors: [...errors.values()], ...known };
  const signOff = signer || dates.signedOn ? { ...(signer ?? { signerName: '', byName: '', onBehalf: false }), signedOn: signedOn ?? createdOn } : null;
  const fields = checked.data;
  return {
    errors: [],
    ...known,
    parsed: {
      row: 0,
      fields,
      number: number ?? null,
      signOff,
      isDirectionInferred,
      createdOn,
      registeredOn,
      printedOn,
      key: importKeyOf({ number: number ?? null, issuerCode: fields.issuerCode, title: fields.title, createdOn }),
    },
  };
};

/** Every row of the register under the mapping; rows whose mapped cells are all empty (a pre-numbered blank line) are not rows. */
export const parseOutgoingRows = ({ register, mapping, today }: { register: Register; mapping: ColumnMapping; today: string }): RowOutcome[] => {
  const mapped = Object.values<number | null>(mapping).filter((index): index is number => index !== null);
  const dataRows = register.rows.filter((row) => mapped.some((index) => textOf(row.cells[index] ?? null) !== ''));
  if (dataRows.length > MAX_IMPORT_ROWS) throw validationError(`一次最多导入 ${MAX_IMPORT_ROWS} 行，请把登记簿分成几个文件导入`);
  return dataRows.map(({ row, cells }) => {
    const outcome = parseRow(cells, mapping, { today, isDate1904: register.isDate1904 });
    return { ...outcome, row, ...(outcome.parsed ? { parsed: { ...outcome.parsed, row } } : {}) };
  });
};
