/** The ledger as an Excel workbook (exceljs): the same filter as the page, every matching row, Chinese headers. */
import ExcelJS from 'exceljs';
import type { CaseQuery } from '../../../../common/schemas/cases.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { getKind } from '../kinds/registry.js';
import { listCases } from './ledger.js';

const dueLabels = { none: '', green: '正常', yellow: '临期', red: '逾期' } as const;
const MAX_ROWS = 50_000;

export const exportLedger = async ({ db, actor, query, now }: { db: Db; actor: Actor; query: CaseQuery; now: Date }): Promise<Buffer> => {
  const title = query.kind ? `${getKind(query.kind).label}台账` : '事项台账';
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '府办 Fuban';
  const sheet = workbook.addWorksheet(title.slice(0, 31));
  sheet.columns = [
    { header: '序号', key: 'index', width: 6 },
    { header: '编号', key: 'serialNo', width: 18 },
    { header: '类型', key: 'kindLabel', width: 12 },
    { header: '标题', key: 'title', width: 48 },
    { header: '状态', key: 'stateLabel', width: 12 },
    { header: '主办单位', key: 'leadUnits', width: 24 },
    { header: '办理时限', key: 'dueDate', width: 12 },
    { header: '时限状态', key: 'due', width: 10 },
    { header: '登记时间', key: 'createdAt', width: 18 },
  ];
  let cursor: string | undefined;
  let index = 0;
  do {
    const page = await listCases({ db, actor, query: { ...query, limit: 200, ...(cursor ? { cursor } : {}) }, now });
    for (const item of page.items) {
      index += 1;
      sheet.addRow({
        index,
        serialNo: item.serialNo,
        kindLabel: item.kindLabel,
        title: item.title,
        stateLabel: item.stateLabel,
        leadUnits: item.leadUnits.join('、'),
        dueDate: item.dueDate ?? '',
        due: item.isClosed ? '' : dueLabels[item.dueStatus],
        createdAt: new Date(item.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && index < MAX_ROWS);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: 'A1', to: 'I1' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
