/**
 * The ledger as an Excel workbook (exceljs): the same filter as the page, every matching row,
 * Chinese headers. A kind may declare its register's columns (收文登记簿 …); otherwise the generic ones.
 */
import ExcelJS from 'exceljs';
import type { CaseQuery } from '../../../../common/schemas/cases.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { getKind, stateLabel } from '../kinds/registry.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { queryCasePage } from './ledger.js';
import type { CaseRow } from './cases.repository.js';

const dueLabels = { none: '', green: '正常', yellow: '临期', red: '逾期' } as const;
const MAX_ROWS = 50_000;

type Column = { header: string; width: number; value: (row: CaseRow, kind: KindDefinition, leadUnits: readonly string[]) => string | number };

const genericColumns: Column[] = [
  { header: '类型', width: 12, value: (_row, kind) => kind.label },
  { header: '标题', width: 48, value: (row) => row.title },
  { header: '状态', width: 12, value: (row, kind) => stateLabel(kind, row.state) },
  { header: '办理时限', width: 12, value: (row) => row.dueDate ?? '' },
  { header: '时限状态', width: 10, value: (row) => (row.isClosed ? '' : dueLabels[row.dueStatus]) },
  { header: '登记时间', width: 18, value: (row) => row.createdAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) },
];

const columnsFor = (kind: KindDefinition | undefined): Column[] =>
  kind?.ledgerColumns
    ? kind.ledgerColumns.map((column) => ({
        header: column.header,
        width: column.width,
        value: (row: CaseRow, rowKind: KindDefinition, leadUnits: readonly string[]) =>
          column.value({ fields: row.fields, title: row.title, stateLabel: stateLabel(rowKind, row.state), createdAt: row.createdAt, dueDate: row.dueDate, leadUnits }),
      }))
    : genericColumns;

/** What the register is called (收文登记簿); the download's name says it and the day it was taken. */
const registerTitle = (kind: KindDefinition | undefined) => (kind ? `${kind.label}登记簿` : '事项台账');

/** 「收文登记簿-2026-12-05.xlsx」 */
export const exportFileName = ({ query, now }: { query: CaseQuery; now: Date }): string =>
  `${registerTitle(query.kind ? getKind(query.kind) : undefined)}-${todayInShanghai(now)}.xlsx`;

export const exportLedger = async ({ db, actor, query, now }: { db: Db; actor: Actor; query: CaseQuery; now: Date }): Promise<Buffer> => {
  const kind = query.kind ? getKind(query.kind) : undefined;
  const title = registerTitle(kind);
  const columns = columnsFor(kind);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '府办 Fuban';
  const sheet = workbook.addWorksheet(title.slice(0, 31));
  sheet.columns = [
    { header: '序号', key: 'index', width: 6 },
    { header: '编号', key: 'serialNo', width: 18 },
    ...columns.map((column, index) => ({ header: column.header, key: `c${index}`, width: column.width })),
  ];
  let cursor: string | undefined;
  let index = 0;
  do {
    const { page: _jump, ...rest } = query;
    const page = await queryCasePage({ db, actor, query: { ...rest, limit: 200, ...(cursor ? { cursor } : {}) }, now });
    page.rows.forEach((row) => {
      index += 1;
      const rowKind = kind ?? getKind(row.kind);
      const leadUnits = row.leadUnits;
      sheet.addRow({ index, serialNo: row.serialNo, ...Object.fromEntries(columns.map((column, i) => [`c${i}`, column.value(row, rowKind, leadUnits)])) });
    });
    cursor = page.nextCursor ?? undefined;
  } while (cursor && index < MAX_ROWS);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length + 2 } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
