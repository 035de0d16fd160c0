/**
 * 收文登记簿 workbooks as offices keep them, built with ExcelJS: the messy one a clerk brings (no 文种
 * column, 普通/无 密级, rows still being handled, 文号 typed every way, a document registered twice, a
 * few truly bad rows) and a large one for timing. Shared by the import tests and scripts/bench-import.ts.
 */
import ExcelJS from 'exceljs';

export type Cell = string | number | Date | null;

export const MESSY_HEADERS = ['序号', '收文日期', '来文单位', '文号', '文件标题', '密级', '份数', '办理情况', '备注'];

const excelSerial = (year: number, month: number, day: number) => (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;

/** Builds an .xlsx: an optional title line, the headers, the rows. */
export const workbookOf = async ({ headers, rows, titleLine, sheetName = '收文登记簿' }: { headers: string[]; rows: Cell[][]; titleLine?: string; sheetName?: string }): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  if (titleLine) sheet.addRow([titleLine]);
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/** The Excel row of data row i (a title line and the headers sit above). */
export const excelRowOf = (index: number) => index + 3;

/**
 * The messy 2025 register. `expected` tells the tests what each row should become; index 10 has a title
 * that names no 文种 (imported only with a default 文种); index 11 repeats a 文号 registered earlier at 登记.
 */
export const messyRegister = () => {
  const rows: Array<{ cells: Cell[]; expect: 'valid' | 'open' | 'duplicate' | 'bad'; docNumber?: string; asWritten?: string; docType?: string }> = [
    { cells: [1, '2025.3.5', '市教育局', '示教发［2025］003号', '关于开展校园安全检查的通知', '普通', 2, '办结', ''], expect: 'valid', docNumber: '示教发〔2025〕3号', asWritten: '示教发［2025］003号', docType: '通知' },
    { cells: [2, '2025/03/06', '市教育局', '示教发(2025)4号', '关于加强课后服务的意见', '无', '', '', ''], expect: 'valid', docNumber: '示教发〔2025〕4号', asWritten: '示教发(2025)4号', docType: '意见' },
    { cells: [3, '2025年3月7日', '市财政局', '示财发〔２０２５〕５号', '关于追加预算的请示', '', 1, '在办', ''], expect: 'open', docNumber: '示财发〔2025〕5号', asWritten: '示财发〔２０２５〕５号', docType: '请示' },
    { cells: [4, excelSerial(2025, 3, 8), '市卫生健康委员会', '示卫函〔2025〕第6号', '关于商请协助开展义诊的函', '非密', 1, '办理中', ''], expect: 'open', docNumber: '示卫函〔2025〕6号', asWritten: '示卫函〔2025〕第6号', docType: '函' },
    { cells: [5, '3月9日', '市应急管理局', '示应急发【2025】07号', '关于做好汛期安全防范工作的紧急通知', '公开', 3, '已办结', ''], expect: 'valid', docNumber: '示应急发〔2025〕7号', asWritten: '示应急发【2025】07号', docType: '通知' },
    { cells: [6, '2025-03-10', '市教育局', '示教发〔2025〕3号', '关于开展校园安全检查的通知', '', 1, '办结', '重复登记'], expect: 'duplicate' },
    { cells: [7, '2025-02-30', '市司法局', '示司发〔2025〕2号', '关于普法宣传的通知', '', 1, '办结', ''], expect: 'bad' },
    { cells: [8, '2025-03-11', '市公安局', '示公发〔2025〕12号', '关于专项行动的通报', '机密', 1, '办结', ''], expect: 'bad' },
    { cells: [9, '2025-03-12', '市统计局', '示统发〔2025〕1号', '', '', 1, '办结', ''], expect: 'bad' },
    { cells: [10, '2025-03-13', '市民政局', '', '关于表彰先进集体的决定', '', 1, '归档', ''], expect: 'valid', docType: '决定' },
    { cells: [11, '2025-03-14', '市政府研究室', '示研〔2025〕3号', '政务信息第3期', '', 1, '办结', ''], expect: 'valid', docNumber: '示研〔2025〕3号', docType: '通报' },
    { cells: [12, '2025-03-15', '市发展和改革委员会', '示发改[2025]09号', '关于重点项目调度情况的报告', '', 1, '办结', ''], expect: 'duplicate' },
  ];
  return { rows, file: () => workbookOf({ headers: MESSY_HEADERS, rows: rows.map((row) => row.cells), titleLine: '2025年收文登记簿' }) };
};

const orgs = ['省人民政府办公厅', '省发展和改革委员会', '市财政局', '西山县人民政府', '市应急管理局', '市教育局', '市卫生健康委员会'];
const titles = ['通知', '意见', '请示', '函', '报告', '通报', '纪要', '批复'];

/** A register of `count` rows in the ways of the messy one: every 文号 unique, every row valid; one in ten still being handled. */
export const largeRegister = ({ count, year = 2024 }: { count: number; year?: number }) => {
  const rows: Cell[][] = Array.from({ length: count }, (_, i) => {
    const month = (i % 12) + 1;
    const day = (i % 28) + 1;
    const date: Cell = [`${year}.${month}.${day}`, `${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`, `${year}年${month}月${day}日`, excelSerial(year, month, day)][i % 4]!;
    const number = [`示文［${year}］${String(i + 1).padStart(3, '0')}号`, `示文(${year})${i + 1}号`, `示文〔${year}〕${i + 1}号`][i % 3]!;
    return [i + 1, date, orgs[i % orgs.length]!, number, `关于第${i + 1}项工作的${titles[i % titles.length]}`, ['普通', '无', '', '非密'][i % 4]!, 1, i % 10 === 0 ? '在办' : '办结', ''];
  });
  return workbookOf({ headers: MESSY_HEADERS, rows, titleLine: `${year}年收文登记簿` });
};

/** A register upload as a browser sends it: the form fields first, then the file (multipart/form-data). */
export const multipartOf = (file: Buffer, fields: Record<string, string> = {}, fileName = '登记簿.xlsx') => {
  const boundary = '----fuban' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    ...Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
};
