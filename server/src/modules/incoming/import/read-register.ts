/**
 * Reading a 收文登记簿 workbook (exceljs): the sheet, its header row (a title line such as
 * 「2025年收文登记簿」 may sit above it) and the data rows as plain cell values.
 */
import ExcelJS from 'exceljs';
import { validationError } from '../../../platform/errors.js';
import { countKnownHeaders } from './register-columns.js';

export const MAX_REGISTER_BYTES = 10 * 1024 * 1024;
/** How far down a header row is looked for. */
const HEADER_SEARCH_ROWS = 10;

/** A cell as the parser sees it: formulas by their result, rich text as its text. */
export type CellValue = string | number | boolean | Date | null;

export type RegisterRow = { row: number; cells: CellValue[] };

export type Register = {
  sheet: string;
  headerRow: number;
  headers: string[];
  rows: RegisterRow[];
  /** Workbooks saved on old Macs count serial dates from 1904. */
  isDate1904: boolean;
};

export const plainValue = (value: ExcelJS.CellValue): CellValue => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return plainValue((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in value) return plainValue(value.text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error); // #REF! and the like: shown to the user as an unreadable value
  return null;
};

const rowValues = (row: ExcelJS.Row, width: number): CellValue[] =>
  Array.from({ length: width }, (_, index) => plainValue(row.getCell(index + 1).value));

const headerText = (value: CellValue, index: number): string => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value === null ? '' : String(value).trim();
  return text || `第 ${index + 1} 列`;
};

const isBlank = (value: CellValue) => value === null || (typeof value === 'string' && value.trim() === '');

/** The row among the first few with the most register headers (at least two), else the first non-empty row. */
const findHeaderRow = (sheet: ExcelJS.Worksheet, width: number, countKnown: (cells: readonly string[]) => number): { row: number; known: number } => {
  let best = { row: 0, known: 0 };
  const last = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
  for (let number = 1; number <= last; number += 1) {
    const values = rowValues(sheet.getRow(number), width);
    if (values.every(isBlank)) continue;
    const known = countKnown(values.map((value) => (value === null ? '' : String(value))));
    if (best.row === 0 || known > best.known) best = { row: number, known };
  }
  return best;
};

export const loadWorkbook = async (content: Buffer): Promise<ExcelJS.Workbook> => {
  // An .xlsx is a zip: refuse anything else (an old .xls, a renamed CSV) with a clear message.
  if (content.length < 4 || content.readUInt32LE(0) !== 0x04034b50) {
    throw validationError('请上传 Excel 2007 及以上格式（.xlsx）的登记簿；.xls 请先在 Excel 中另存为 .xlsx');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw validationError('无法读取该 Excel 文件，请确认文件完好并另存为 .xlsx 后重试');
  }
  return workbook;
};

/**
 * The first sheet that looks like a register (two or more known headers); the first sheet when none does.
 * Headers are recognised as 收文登记簿 columns unless another register's counter is given.
 */
export const readRegister = (workbook: ExcelJS.Workbook, countKnown: (cells: readonly string[]) => number = countKnownHeaders): Register => {
  const sheets = workbook.worksheets.filter((sheet) => sheet.state !== 'hidden' && sheet.state !== 'veryHidden');
  if (sheets.length === 0) throw validationError('Excel 文件中没有工作表');
  const candidates = sheets.map((sheet) => {
    const width = sheet.columnCount;
    return { sheet, width, header: findHeaderRow(sheet, width, countKnown) };
  });
  const chosen = candidates.find((candidate) => candidate.header.known >= 2) ?? candidates[0]!;
  const { sheet, width, header } = chosen;
  if (header.row === 0) throw validationError(`工作表「${sheet.name}」是空的`);
  const headers = rowValues(sheet.getRow(header.row), width).map(headerText);
  const rows: RegisterRow[] = [];
  for (let number = header.row + 1; number <= sheet.rowCount; number += 1) {
    const cells = rowValues(sheet.getRow(number), width);
    if (cells.every(isBlank)) continue;
    rows.push({ row: number, cells });
  }
  return { sheet: sheet.name, headerRow: header.row, headers, rows, isDate1904: Boolean(workbook.properties.date1904) };
};
