/**
 * A report table laid out as printed: a grid of cells with their spans, header levels from the
 * "·"-separated column names, row groups merged down the label columns. The .xlsx, the .docx
 * and the web preview all print this one grid, so they cannot disagree about where a number stands.
 */
import type { ReportTable } from '../schemas/disclosure.js';

/** A cell of the grid; `null` marks a position covered by a span from above or the left. */
export type GridCell = { text: string; value?: number; colSpan: number; rowSpan: number; isHeader: boolean };
export type Grid = { rows: Array<Array<GridCell | null>>; labelColumns: number; width: number };

const cell = (text: string, options: Partial<GridCell> = {}): GridCell => ({ text, colSpan: 1, rowSpan: 1, isHeader: false, ...options });
const number = (value: number): GridCell => cell(String(value), { value });

/** Table 二: a header pair per section (the section's name, then 信息内容 and its columns), then its rows. */
const sectionedGrid = (table: ReportTable, groupColumns: Record<string, string[]>): Grid => {
  const width = Math.max(...Object.values(groupColumns).map((columns) => columns.length));
  const padded = (cells: GridCell[]): Array<GridCell | null> => {
    const last = cells.at(-1)!;
    last.colSpan = width - cells.length + 1;
    return [...cells, ...Array.from({ length: last.colSpan - 1 }, () => null)];
  };
  const rows: Array<Array<GridCell | null>> = [];
  for (const [group, columns] of Object.entries(groupColumns)) {
    rows.push(padded([cell(group, { isHeader: true })]));
    rows.push(padded(columns.map((column) => cell(column, { isHeader: true }))));
    for (const row of table.rows.filter((candidate) => candidate.group === group)) rows.push(padded([cell(row.label), ...row.cells.map(number)]));
  }
  return { rows, labelColumns: 1, width };
};

/** Tables 三 and 四: multi-level column headers over the numbers, row groups to the left. */
const matrixGrid = (table: ReportTable): Grid => {
  const paths = table.rows.map((row) => [...(row.group ? row.group.split('·') : []), row.label]);
  const labelColumns = paths.every((path) => path.length === 1 && path[0] === '') ? 0 : Math.max(...paths.map((path) => path.length));
  const headers = table.columns.map((column) => column.split('·'));
  const headerRows = Math.max(...headers.map((parts) => parts.length));
  const width = labelColumns + table.columns.length;
  const rows: Array<Array<GridCell | null>> = Array.from({ length: headerRows + table.rows.length }, () => Array.from({ length: width }, () => null));
  if (labelColumns > 0) rows[0]![0] = cell('', { colSpan: labelColumns, rowSpan: headerRows, isHeader: true });
  headers.forEach((parts, index) => {
    parts.forEach((part, level) => {
      const prefix = parts.slice(0, level + 1).join('·');
      const isContinued = index > 0 && headers[index - 1]!.slice(0, level + 1).join('·') === prefix;
      if (isContinued) return;
      let colSpan = 1;
      while (index + colSpan < headers.length && headers[index + colSpan]!.slice(0, level + 1).join('·') === prefix) colSpan += 1;
      const rowSpan = level === parts.length - 1 ? headerRows - level : 1;
      rows[level]![labelColumns + index] = cell(part, { colSpan, rowSpan, isHeader: true });
    });
  });
  paths.forEach((path, index) => {
    const gridRow = rows[headerRows + index]!;
    path.forEach((part, level) => {
      const isLabel = level === path.length - 1;
      if (!isLabel) {
        const prefix = path.slice(0, level + 1).join('·');
        const sameAbove = index > 0 && paths[index - 1]!.length - 1 > level && paths[index - 1]!.slice(0, level + 1).join('·') === prefix;
        if (sameAbove) return;
        let rowSpan = 1;
        while (index + rowSpan < paths.length && paths[index + rowSpan]!.length - 1 > level && paths[index + rowSpan]!.slice(0, level + 1).join('·') === prefix) rowSpan += 1;
        gridRow[level] = cell(part, { rowSpan });
        return;
      }
      if (labelColumns > 0) gridRow[level] = cell(part, { colSpan: labelColumns - level });
    });
    table.rows[index]!.cells.forEach((value, column) => {
      gridRow[labelColumns + column] = number(value);
    });
  });
  return { rows, labelColumns, width };
};

/** The printed grid of a report table. */
export const layoutTable = (table: ReportTable): Grid => (table.groupColumns ? sectionedGrid(table, table.groupColumns) : matrixGrid(table));
