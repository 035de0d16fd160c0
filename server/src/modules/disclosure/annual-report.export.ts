/**
 * The annual report as files: the tables as an .xlsx (one sheet per table, laid out as the
 * template prints them, numbers as numbers) and the whole report as a GB/T 9704 .docx through the
 * office's document renderer. Both print the same grid (common/documents/report-grid.ts).
 */
import ExcelJS from 'exceljs';
import { chineseDate } from '../../../../common/documents/official.js';
import type { AnnualReportView, ReportTable } from '../../../../common/schemas/disclosure.js';
import type { DocumentBodyBlock, DocumentBodyTable, OfficialDocumentModel } from '../../platform/documents/document.types.js';
import { renderOfficialDocx } from '../../platform/documents/render-docx.js';
import { layoutTable, type Grid } from '../../../../common/documents/report-grid.js';

/** 「示例市人民政府2026年政府信息公开工作年度报告」 */
export const reportTitle = (report: AnnualReportView): string => `${report.organName}${report.year}年政府信息公开工作年度报告`;

const basis = (year: number) =>
  `本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`;

const thin = { style: 'thin' as const };
const boxed = { top: thin, left: thin, bottom: thin, right: thin };

/** Writes a grid at `top` (1-based row), with merges, borders and numbers as numbers; returns the next free row. */
const writeGrid = (sheet: ExcelJS.Worksheet, grid: Grid, top: number): number => {
  grid.rows.forEach((cells, rowIndex) => {
    cells.forEach((cell, columnIndex) => {
      const row = top + rowIndex;
      const column = columnIndex + 1;
      const target = sheet.getCell(row, column);
      target.border = boxed;
      if (!cell) return;
      target.value = cell.value ?? cell.text;
      target.alignment = { vertical: 'middle', horizontal: cell.isHeader || cell.value !== undefined ? 'center' : 'left', wrapText: true };
      if (cell.isHeader) target.font = { bold: true };
      if (cell.colSpan > 1 || cell.rowSpan > 1) sheet.mergeCells(row, column, row + cell.rowSpan - 1, column + cell.colSpan - 1);
    });
  });
  return top + grid.rows.length;
};

const tableSheet = (workbook: ExcelJS.Workbook, name: string, report: AnnualReportView, table: ReportTable): void => {
  const grid = layoutTable(table);
  const sheet = workbook.addWorksheet(name);
  sheet.columns = Array.from({ length: grid.width }, (_, index) => ({ width: index < grid.labelColumns ? (index === grid.labelColumns - 1 ? 44 : 18) : 12 }));
  sheet.getCell(1, 1).value = `${reportTitle(report)}　${table.title}`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  const next = writeGrid(sheet, grid, 3);
  if (table === report.requests) sheet.getCell(next + 1, 1).value = '本表数据的勾稽关系：每列第一项加第二项之和，等于第三项加第四项之和。';
};

/** The tables as a workbook: 总体情况 (overview, notes, checks), then 表二, 表三, 表四. */
export const annualReportXlsx = async (report: AnnualReportView): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '府办 Fuban';
  const overview = workbook.addWorksheet('总体情况');
  overview.columns = [{ width: 120 }];
  const lines = [reportTitle(report), basis(report.year), '一、总体情况', ...report.overview, '说明', ...report.notes, '勾稽关系检查', ...report.checks.map((check) => `${check.isOk ? '✓' : '✗'} ${check.rule}：${check.detail}`)];
  lines.forEach((line, index) => {
    const cell = overview.getCell(index + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (index === 0) cell.font = { bold: true, size: 14 };
  });
  tableSheet(workbook, '二 主动公开', report, report.published);
  tableSheet(workbook, '三 依申请公开', report, report.requests);
  tableSheet(workbook, '四 复议诉讼', report, report.proceedings);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/** A grid as a body table: covered cells left out, label columns wider than the numbers. */
const bodyTableOf = (grid: Grid): DocumentBodyTable => ({
  kind: 'table',
  columnWidths: Array.from({ length: grid.width }, (_, index) => (index < grid.labelColumns ? (index === grid.labelColumns - 1 ? 5 : 2) : grid.labelColumns === 1 ? 2 : 1)),
  rows: grid.rows.map((cells) =>
    cells.flatMap((cell) =>
      cell ? [{ text: cell.text, colSpan: cell.colSpan, rowSpan: cell.rowSpan, isHeader: cell.isHeader, ...(cell.value !== undefined ? { align: 'center' as const } : {}) }] : [],
    ),
  ),
});

const heading = (text: string): DocumentBodyBlock => ({ level: 1, prefix: '', text });
const plain = (text: string): DocumentBodyBlock => ({ level: 0, prefix: '', text });

/** The report as the GB/T 9704 document model: 标题, 正文 with the template's six parts and its tables, 署名, 日期. */
export const annualReportDocument = (report: AnnualReportView, today: string): OfficialDocumentModel => ({
  format: 'plain',
  issuerMark: '',
  // Two lines, broken where the sense breaks rather than wherever the 2号 line runs out.
  title: `${report.organName}\n${report.year}年政府信息公开工作年度报告`,
  body: [
    plain(basis(report.year)),
    heading('一、总体情况'),
    ...report.overview.map(plain),
    heading(report.published.title),
    bodyTableOf(layoutTable(report.published)),
    heading(report.requests.title),
    bodyTableOf(layoutTable(report.requests)),
    heading(report.proceedings.title),
    bodyTableOf(layoutTable(report.proceedings)),
    heading('五、存在的主要问题及改进情况'),
    plain('（请编制单位填写。）'),
    heading('六、其他需要报告的事项'),
    ...report.notes.map(plain),
  ],
  attachmentNotes: [],
  signature: report.organName,
  writtenOn: chineseDate(today),
  printedBy: report.organName,
  printedOn: chineseDate(today),
});

export const annualReportDocx = (report: AnnualReportView, today: string): Promise<Buffer> => renderOfficialDocx(annualReportDocument(report, today));
