import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unzip } from '../../../test/office-files.js';
import type { OfficialDocumentModel } from './document.types.js';
import { textWidth } from './docx-parts.js';
import { renderOfficialDocx } from './render-docx.js';

/** A plain report with one table: a header spanning two columns, a group label spanning two rows. */
const report: OfficialDocumentModel = {
  format: 'plain',
  issuerMark: '',
  title: '示例市人民政府2026年政府信息公开工作年度报告',
  body: [
    { level: 1, prefix: '一、', text: '收到和处理申请情况' },
    {
      kind: 'table',
      columnWidths: [2, 1, 1],
      rows: [
        [{ text: '', rowSpan: 2, isHeader: true }, { text: '申请人情况', colSpan: 2, isHeader: true }],
        [{ text: '自然人', isHeader: true }, { text: '总计', isHeader: true }],
        [{ text: '（三）不予公开', rowSpan: 2 }, { text: '7' }, { text: '9' }],
        [{ text: '5' }, { text: '6' }],
      ],
    },
    { level: 0, prefix: '', text: '表后正文。' },
  ],
  attachmentNotes: [],
  signature: '示例市人民政府办公室',
  writtenOn: '2027年1月20日',
  printedBy: '',
  printedOn: '',
};

const cellsOf = (row: string) => [...row.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((match) => match[1]!);
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('');

test('a body table is laid out with its spans, in the 版心 width, between the paragraphs around it', async () => {
  const xml = unzip(await renderOfficialDocx(report)).get('word/document.xml')!;
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((match) => match[1]!);
  assert.equal(tables.length, 1, 'plain format: no 版记 table, only the body table');
  const table = tables[0]!;
  const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((match) => Number(match[1]));
  assert.equal(grid.length, 3);
  assert.equal(grid.reduce((sum, width) => sum + width, 0), textWidth);
  assert.equal(grid[0], Math.floor(textWidth / 2));

  const rows = [...table.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>|<w:tr [^>]*>([\s\S]*?)<\/w:tr>/g)].map((match) => match[1] ?? match[2]!);
  assert.equal(rows.length, 4);
  const header = cellsOf(rows[0]!);
  assert.match(header[1]!, /<w:gridSpan w:val="2"\/>/);
  assert.equal(textOf(header[1]!), '申请人情况');
  assert.match(header[1]!, /w:eastAsia="黑体"/, 'header cells in 黑体');
  // The row-spanning cells continue in the next row as vMerge cells, so every row has the grid's columns.
  assert.match(header[0]!, /<w:vMerge w:val="restart"\/>/);
  assert.match(cellsOf(rows[1]!)[0]!, /<w:vMerge w:val="continue"\/>/);
  assert.equal(cellsOf(rows[3]!).length, 3);
  assert.deepEqual(cellsOf(rows[3]!).slice(1).map(textOf), ['5', '6']);
  assert.match(cellsOf(rows[2]!)[1]!, /<w:sz w:val="21"\/>/, 'table text in 5号');

  const body = textOf(xml);
  assert.ok(body.indexOf('收到和处理申请情况') < body.indexOf('申请人情况'));
  assert.ok(body.indexOf('申请人情况') < body.indexOf('表后正文。'));
  assert.ok(!xml.includes('FF0000'), 'plain format: no red 版头 or rules');
  assert.ok(body.includes('示例市人民政府办公室') && body.includes('2027年1月20日'));
});
