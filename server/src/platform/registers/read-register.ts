/**
 * Reading a register workbook (exceljs, streaming): the sheet, its header row (a title line such as
 * 「2025年收文登记簿」 may sit above it) and the data rows as plain cell values. Streaming keeps memory
 * flat and lets an oversize file be refused at the row where it passes the cap, not after the whole
 * file was inflated. Runs in a worker (read-off-thread.ts): never on the server's event loop.
 */
import { Readable } from 'node:stream';
import './exceljs-utf8.js'; // before exceljs: the streaming reader must decode split characters
import ExcelJS from 'exceljs';
import { AppError, validationError } from '../errors.js';

export const MAX_REGISTER_BYTES = 10 * 1024 * 1024;
/** Rows one import takes (rows with two or more filled cells: a register's pre-numbered blank lines do not count). */
export const MAX_IMPORT_ROWS = 5_000;
/** Lines of any kind read before giving up: a template with endless pre-numbered lines is not a register. */
const MAX_SCANNED_LINES = 50_000;
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
  /** The text of the lines above the headers (「2025年收文登记簿」): where a register states its year. */
  titleLines: string[];
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

const headerText = (value: CellValue, index: number): string => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value === null ? '' : String(value).trim();
  return text || `第 ${index + 1} 列`;
};

const isBlank = (value: CellValue | undefined) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

const tooManyRows = () => validationError(`一次最多导入 ${MAX_IMPORT_ROWS} 行，请把登记簿分成几个文件导入`);

export const assertXlsx = (content: Buffer) => {
  // An .xlsx is a zip: refuse anything else (an old .xls, a renamed CSV) with a clear message.
  if (content.length < 4 || content.readUInt32LE(0) !== 0x04034b50) {
    throw validationError('请上传 Excel 2007 及以上格式（.xlsx）的登记簿；.xls 请先在 Excel 中另存为 .xlsx');
  }
};

type SheetReader = AsyncIterable<ExcelJS.Row> & { name?: string; state?: string; id?: number | string };
type Sheet = { name: string; lines: RegisterRow[]; header: { row: number; known: number } };

/** The row among the first few with the most register headers (at least two), else the first non-empty row. */
const findHeaderRow = (lines: readonly RegisterRow[], countKnown: (cells: readonly string[]) => number) => {
  let best = { row: 0, known: 0 };
  for (const { row, cells } of lines) {
    if (row > HEADER_SEARCH_ROWS) break;
    const known = countKnown(cells.map((value) => (value === null ? '' : String(value))));
    if (best.row === 0 || known > best.known) best = { row, known };
  }
  return best;
};

const nameOf = (sheet: SheetReader) => sheet.name ?? `Sheet${String(sheet.id ?? '')}`;

type LineReader = { lines: RegisterRow[]; dataRows: number };

/** Reads lines from a sheet's row iterator until `until` (a row number) is passed or the sheet ends. Refuses past the caps. */
const readLines = async (rows: AsyncIterator<ExcelJS.Row>, into: LineReader, until = Number.POSITIVE_INFINITY): Promise<boolean> => {
  for (;;) {
    const next = await rows.next();
    if (next.done) return false;
    const row = next.value;
    const values = row.values as ExcelJS.CellValue[];
    const cells = Array.from({ length: Math.max(values.length - 1, 0) }, (_, index) => plainValue(values[index + 1] ?? null));
    if (!cells.every(isBlank)) {
      into.lines.push({ row: row.number, cells });
      if (into.lines.length > MAX_SCANNED_LINES) throw tooManyRows();
      if (cells.filter((cell) => !isBlank(cell)).length >= 2 && ++into.dataRows > MAX_IMPORT_ROWS + 1) throw tooManyRows();
    }
    if (row.number >= until) return true;
  }
};

/** A sheet's first lines and header; the rest of it is read only when `isWanted` says so of the header. */
const readSheet = async (sheet: SheetReader, countKnown: (cells: readonly string[]) => number, isWanted: (known: number) => boolean): Promise<Sheet & { isWhole: boolean }> => {
  const rows = sheet[Symbol.asyncIterator]();
  const read: LineReader = { lines: [], dataRows: 0 };
  const hasMore = await readLines(rows, read, HEADER_SEARCH_ROWS);
  const header = findHeaderRow(read.lines, countKnown);
  const name = nameOf(sheet);
  if (!isWanted(header.known)) return { name, lines: read.lines, header, isWhole: !hasMore };
  if (hasMore) await readLines(rows, read);
  return { name, lines: read.lines, header, isWhole: true };
};

const registerOf = (sheet: Sheet, isDate1904: boolean): Register => {
  const { name, lines, header } = sheet;
  if (header.row === 0) throw validationError(`工作表「${name}」是空的`);
  const width = Math.max(0, ...lines.filter((line) => line.row >= header.row).map((line) => line.cells.length));
  const pad = (cells: CellValue[]) => Array.from({ length: width }, (_, index) => cells[index] ?? null);
  const headerLine = lines.find((line) => line.row === header.row)!;
  return {
    sheet: name,
    headerRow: header.row,
    headers: pad(headerLine.cells).map(headerText),
    rows: lines.filter((line) => line.row > header.row).map((line) => ({ row: line.row, cells: pad(line.cells) })),
    titleLines: lines.filter((line) => line.row < header.row).map((line) => line.cells.filter((cell) => !isBlank(cell)).map(String).join(' ')),
    isDate1904,
  };
};

const openReader = (content: Buffer) =>
  new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });

const isHidden = (sheet: SheetReader) => sheet.state === 'hidden' || sheet.state === 'veryHidden';
const date1904Of = (reader: ExcelJS.stream.xlsx.WorkbookReader) => Boolean((reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties?.model?.date1904);

/**
 * The first sheet that looks like a register (two or more known headers), read to its end; the first
 * visible sheet when none does. Headers are recognised by the given register's counter.
 */
export const readRegisterStream = async (content: Buffer, countKnown: (cells: readonly string[]) => number): Promise<Register> => {
  assertXlsx(content);
  try {
    const reader = openReader(content);
    let first: string | undefined;
    for await (const sheet of reader as AsyncIterable<SheetReader>) {
      if (isHidden(sheet)) continue;
      const read = await readSheet(sheet, countKnown, (known) => known >= 2);
      first ??= read.name;
      if (read.header.known >= 2) return registerOf(read, date1904Of(reader));
    }
    if (first === undefined) throw validationError('Excel 文件中没有工作表');
    // No sheet looks like a register: the first one is read again, whole, for the user to map by hand.
    const again = openReader(content);
    for await (const sheet of again as AsyncIterable<SheetReader>) {
      if (isHidden(sheet) || nameOf(sheet) !== first) continue;
      return registerOf(await readSheet(sheet, countKnown, () => true), date1904Of(again));
    }
    throw validationError('Excel 文件中没有工作表');
  } catch (error) {
    if (error instanceof AppError) throw error;
    // What the reader itself said (a zip or XML error), kept for whoever reads the details or the log: a workbook
    // that Excel opens but this refuses is a bug to find, and the friendly line alone does not find it.
    const cause = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error).slice(0, 300);
    throw validationError('无法读取该 Excel 文件，请确认文件完好并另存为 .xlsx 后重试', { cause });
  }
};
