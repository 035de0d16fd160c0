/**
 * Tables in the 正文 (统计表, the annual report's tables): the full 版心 width, thin black rules,
 * 5号仿宋 (header cells 黑体), on exact 15 pt lines so that a wide table stays compact off the 22-line grid.
 * Spans come from the model: a cell covered by another's span is left out of its row.
 */
import { AlignmentType, LineRuleType, Paragraph, Table, TableCell, TableLayoutType, TableRow, VerticalAlign, WidthType } from 'docx';
import type { DocumentBodyTable, DocumentTableCell } from './document.types.js';
import type { Block } from './docx-head.js';
import { black, fonts, rule, run, sizes, textWidth } from './docx-parts.js';

/** Exact 15 pt lines: an exact rule keeps the 5号 rows off the 22-line grid, which would make each row a full 3号 line or two. */
const tableSpacing = { line: 300, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;
const border = rule(black, 4);
const borders = { top: border, bottom: border, left: border, right: border };

/** Column widths in twips summing to the 版心 width exactly (the last column takes the rounding). */
const scaledWidths = (weights: readonly number[]): number[] => {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const widths = weights.map((weight) => Math.floor((weight / total) * textWidth));
  widths[widths.length - 1]! += textWidth - widths.reduce((sum, width) => sum + width, 0);
  return widths;
};

const tableCell = (cell: DocumentTableCell, width: number): TableCell =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: cell.colSpan ?? 1,
    rowSpan: cell.rowSpan ?? 1,
    verticalAlign: VerticalAlign.CENTER,
    borders,
    margins: { left: 57, right: 57, top: 28, bottom: 28 },
    children: [
      new Paragraph({
        alignment: (cell.align ?? (cell.isHeader ? 'center' : 'left')) === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: tableSpacing,
        children: [run(cell.text, { size: sizes.table, ...(cell.isHeader ? { font: fonts.heiti } : {}) })],
      }),
    ],
  });

/** The table, and an empty line after it: Word wants a paragraph between a table and what follows. */
export const bodyTable = (block: DocumentBodyTable): Block[] => {
  const widths = scaledWidths(block.columnWidths);
  // A cell's width is that of the grid columns it starts at; columns held by a span from a row above are skipped.
  const heldUntil = widths.map(() => -1);
  const rows = block.rows.map((cells, rowIndex) => {
    let column = 0;
    return new TableRow({
      cantSplit: true,
      children: cells.map((cell) => {
        while (column < widths.length && heldUntil[column]! >= rowIndex) column += 1;
        const span = cell.colSpan ?? 1;
        const width = widths.slice(column, column + span).reduce((sum, value) => sum + value, 0);
        for (let held = column; held < column + span; held += 1) heldUntil[held] = rowIndex + (cell.rowSpan ?? 1) - 1;
        column += span;
        return tableCell(cell, width);
      }),
    });
  });
  return [
    new Table({ width: { size: textWidth, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows }),
    new Paragraph({ spacing: tableSpacing, children: [] }),
  ];
};
