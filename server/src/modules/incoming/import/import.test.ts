import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog, caseImportKeys, cases } from '../../../db/schema/index.js';
import { buildApp } from '../../../app.js';
import { verifyCaseTrail } from '../../../engine/cases/trail.js';
import { readConfig } from '../../../platform/config.js';
import { AppError } from '../../../platform/errors.js';
import { forgetCachedPolicy } from '../../security/security.service.js';
import { actingAs, actorOf, buildUser } from '../../../../test/factories.js';
import { createClock, type TestContext } from '../../../../test/test-app.js';
import { createTestDatabase } from '../../../../test/test-db.js';
import { incomingRoutes } from '../incoming.routes.js';
import { importIncomingRegister, previewIncomingImport } from './import.service.js';
import { parseRegisterDate } from './parse-rows.js';
import { suggestMapping } from './register-columns.js';

/** The test app; registers the import routes itself while app.ts does not yet (then this is startTestApp()). */
const startApp = async (): Promise<TestContext> => {
  const database = await createTestDatabase();
  const clock = createClock();
  forgetCachedPolicy();
  const app = await buildApp({ db: database.db, databaseKind: database.kind, config: { ...readConfig({}), isProduction: false }, clock: clock.now, logger: false });
  if (!app.hasRoute({ method: 'POST', url: '/api/incoming/import' })) await app.register(incomingRoutes);
  await app.ready();
  return { app, database, clock, close: async () => { await app.close(); await database.close(); } };
};

let t: TestContext;
before(async () => {
  t = await startApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
});
after(() => t.close());

type Session = Awaited<ReturnType<typeof actingAs>>;
type Cell = string | number | Date | null;

const HEADERS = ['序号', '收文日期', '来文机关', '来文字号', '文种', '标题', '紧急程度', '份数', '页数', '密级', '公开属性', '办理情况', '备注'];
const orgs = ['省人民政府办公厅', '省发展和改革委员会', '市财政局', '西山县人民政府', '市应急管理局'];
const docTypes = ['通知', '通报', '报告', '请示', '函', '意见', '纪要', '决定'];
const pad = (n: number) => String(n).padStart(2, '0');
const excelSerial = (year: number, month: number, day: number) => (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;

/** Row i of a year's register: dates written five ways, a few 退回 (with a reason) and 归档, the rest 办结 or blank. */
const registerRow = (year: number, i: number): { receivedOn: string; status: 'closed' | 'archived' | 'returned'; cells: Cell[] } => {
  const month = (i % 12) + 1;
  const day = (i % 27) + 1;
  const dateCells: Cell[] = [new Date(Date.UTC(year, month - 1, day)), `${year}-${month}-${day}`, `${year}年${month}月${day}日`, `${year}.${month}.${day}`, excelSerial(year, month, day)];
  const status = i % 40 === 7 ? '退回' : i % 25 === 3 ? '已归档' : ['', '办结', '已办'][i % 3]!;
  const docType = docTypes[i % docTypes.length]!;
  return {
    receivedOn: `${year}-${pad(month)}-${pad(day)}`,
    status: status === '退回' ? 'returned' : status === '已归档' ? 'archived' : 'closed',
    cells: [
      i + 1,
      dateCells[i % dateCells.length]!,
      orgs[i % orgs.length]!,
      `示文〔${year}〕${i + 1}号`,
      docType,
      `关于${year}年第${i + 1}项重点工作的${docType}`,
      ['平急', '加急', '特急', ''][i % 4]!,
      i % 7 === 0 ? '2份' : (i % 3) + 1,
      4 + (i % 5),
      i % 2 ? '非涉密' : '',
      ['不予公开', '主动公开', '依申请公开'][i % 3]!,
      status,
      status === '退回' ? '未按规定格式行文，缺少主送机关' : i % 11 === 0 ? '已转有关单位阅知' : '',
    ],
  };
};

/** Three bad rows: index 10 is 秘密, 50 has 文种 公函, 120 a date that does not exist. Excel rows are index + 3 (title line, headers). */
const BAD = { secret: 10, docType: 50, date: 120 };
const yearRows = (year: number, { isBad }: { isBad: boolean }) =>
  Array.from({ length: 200 }, (_, i) => {
    const row = registerRow(year, i);
    if (!isBad) return row;
    const cells = [...row.cells];
    if (i === BAD.secret) cells[9] = '秘密';
    if (i === BAD.docType) cells[4] = '公函';
    if (i === BAD.date) cells[1] = `${year}-13-45`;
    return { ...row, cells };
  });

const workbookOf = async (headers: string[], rows: Cell[][], titleLine?: string): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('收文登记簿');
  if (titleLine) sheet.addRow([titleLine]);
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
const registerFile = (year: number, options: { isBad: boolean }) =>
  workbookOf(HEADERS, yearRows(year, options).map((row) => row.cells), `${year}年收文登记簿`);

const upload = (who: Session, url: string, file: Buffer, fields: Record<string, string> = {}, fileName = '收文登记簿.xlsx') => {
  const boundary = '----fuban' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    ...Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
};

const incomingCount = async () => (await t.database.db.select({ n: count() }).from(cases).where(eq(cases.kind, 'incoming')))[0]!.n;


describe('importing a 收文登记簿', () => {
  test('a 200-row register with three bad rows: previewed, refused whole, fixed, imported once, then skipped', async (context) => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const bad = await registerFile(2025, { isBad: true });

    const preview = await upload(clerk, '/api/incoming/import/preview', bad);
    assert.equal(preview.statusCode, 200, preview.body);
    const body = preview.json();
    assert.equal(body.sheet, '收文登记簿');
    assert.equal(body.headerRow, 2); // under the title line
    assert.deepEqual(body.headers, HEADERS);
    assert.deepEqual(body.suggestedMapping, {
      receivedOn: 1, fromOrg: 2, docNumber: 3, docType: 4, title: 5, urgency: 6, copies: 7, pages: 8, secrecy: 9, disclosure: 10, status: 11, closedOn: null, remarks: 12,
    });
    assert.deepEqual([body.rows, body.valid, body.duplicates], [200, 197, 0]);
    assert.deepEqual(body.invalid.map((row: { row: number }) => row.row), [BAD.secret + 3, BAD.docType + 3, BAD.date + 3]);
    const [secret, docType, date] = body.invalid.map((row: { errors: string[] }) => row.errors);
    assert.equal(secret.length, 1);
    assert.match(secret[0], /^第 13 行：密级「秘密」：涉密公文不得在本系统登记和处理/);
    assert.deepEqual(docType, ['第 53 行：文种「公函」不是条例规定的文种']);
    assert.match(date[0], /^第 123 行：收文日期「2025-13-45」不是有效日期/);
    assert.equal(body.sample.length, 5);
    assert.deepEqual(body.sample[0], {
      row: 3, receivedOn: '2025-01-01', fromOrg: '省人民政府办公厅', docNumber: '示文〔2025〕1号', docNumberAsWritten: null, docType: '通知', isDocTypeInferred: false, title: '关于2025年第1项重点工作的通知',
      urgency: '平急', copies: 2, pages: 4, secrecy: '非涉密', disclosure: '不予公开', remarks: '已转有关单位阅知', finalState: 'closed', finalStateLabel: '已办结',
    });

    const before = await incomingCount();
    const refused = await upload(clerk, '/api/incoming/import', bad, { mode: 'all' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().message, /有 3 行不符合要求，本次未导入任何记录/);
    assert.equal(refused.json().details.invalid.length, 3);
    assert.equal(await incomingCount(), before);

    const fixed = await registerFile(2025, { isBad: false });
    const started = performance.now();
    const cpu = process.cpuUsage();
    const imported = await upload(clerk, '/api/incoming/import', fixed, { mode: 'all' });
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = Math.round((used.user + used.system) / 1000);
    context.diagnostic(`200 rows imported in ${Math.round(elapsed)} ms on ${t.database.kind} (this process's CPU: ${cpuMs} ms)`);
    assert.equal(imported.statusCode, 200, imported.body);
    assert.deepEqual(imported.json(), { imported: 200, skippedDuplicates: 0, invalid: [] });
    assert.ok(elapsed < 30_000, `import took ${elapsed} ms`);
    assert.equal(await incomingCount(), before + 200);

    const again = await upload(clerk, '/api/incoming/import', fixed, { mode: 'all' });
    assert.deepEqual(again.json(), { imported: 0, skippedDuplicates: 200, invalid: [] });
    assert.equal((await upload(clerk, '/api/incoming/import/preview', fixed)).json().duplicates, 200);
    assert.equal(await incomingCount(), before + 200);

    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'incoming.import'), eq(auditLog.actorId, clerk.user.id)))
      .orderBy(desc(auditLog.id));
    assert.deepEqual(audits.map((row) => row.details), [
      { sheet: '收文登记簿', mode: 'all', rows: 200, imported: 0, skippedDuplicates: 200, invalid: 0 },
      { sheet: '收文登记簿', mode: 'all', rows: 200, imported: 200, skippedDuplicates: 0, invalid: 0 },
    ]);
    assert.equal(audits[0]!.objectLabel, '收文登记簿.xlsx');
  });

  test('imported cases are in the ledger on their historical dates, closed, with trails that verify', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const page = (await clerk.request('GET', '/api/cases?kind=incoming&from=2025-01-01&to=2025-12-31&limit=200')).json();
    assert.equal(page.items.length, 200);
    assert.equal(page.nextCursor, null);
    const expected = yearRows(2025, { isBad: false });
    assert.deepEqual(
      page.items.map((item: { createdAt: string }) => item.createdAt).sort(),
      expected.map((row) => new Date(`${row.receivedOn}T09:00:00+08:00`).toISOString()).sort(),
    );
    const labels = (state: string) => page.items.filter((item: { stateLabel: string }) => item.stateLabel === state).length;
    assert.deepEqual([labels('已办结'), labels('已归档'), labels('已退回')], [187, 8, 5]);
    assert.ok(page.items.every((item: { serialNo: string; isClosed: boolean }) => /^收〔2025〕\d+号$/.test(item.serialNo) && item.isClosed));
    // Serials follow the register's dates.
    const seqOf = (serialNo: string) => Number(/〕(\d+)号/.exec(serialNo)![1]);
    const bySerial = [...page.items].sort((a: { serialNo: string }, b: { serialNo: string }) => seqOf(a.serialNo) - seqOf(b.serialNo));
    assert.ok(bySerial.every((item: { createdAt: string }, i: number) => i === 0 || item.createdAt >= bySerial[i - 1].createdAt));

    for (const item of page.items) assert.equal(await verifyCaseTrail(t.database.db, item.id), undefined);

    const first = page.items.find((item: { title: string }) => item.title === '关于2025年第1项重点工作的通知');
    const detail = (await clerk.request('GET', `/api/cases/${first.id}`)).json();
    assert.equal(detail.fields.receivedOn, '2025-01-01');
    assert.deepEqual(detail.events.map((e: { action: string }) => e.action), ['create', 'accept', 'propose', 'file']);
    assert.ok(detail.events.every((e: { at: string }) => e.at === '2025-01-01T01:00:00.000Z'));
    assert.equal(detail.events.at(-1).comment, '历史收文导入');

    const returned = page.items.find((item: { title: string }) => item.title === '关于2025年第8项重点工作的决定');
    const returnedDetail = (await clerk.request('GET', `/api/cases/${returned.id}`)).json();
    assert.equal(returnedDetail.state, 'returned');
    assert.equal(returnedDetail.fields.returnReason, '未按规定格式行文，缺少主送机关');
    assert.deepEqual(returnedDetail.events.map((e: { action: string }) => e.action), ['create', 'return']);
    const archived = page.items.find((item: { title: string }) => item.title === '关于2025年第4项重点工作的请示');
    assert.equal(archived.state, 'archived');
  });

  test('valid-only imports the 197 good rows of a bad register; the fixed file then adds the other 3', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const before = await incomingCount();
    const partial = await upload(clerk, '/api/incoming/import', await registerFile(2024, { isBad: true }), { mode: 'valid-only' });
    assert.equal(partial.statusCode, 200, partial.body);
    const result = partial.json();
    assert.equal(result.imported, 197);
    assert.equal(result.skippedDuplicates, 0);
    assert.deepEqual(result.invalid.map((row: { row: number }) => row.row), [13, 53, 123]);
    assert.equal(await incomingCount(), before + 197);
    const rest = (await upload(clerk, '/api/incoming/import', await registerFile(2024, { isBad: false }), { mode: 'all' })).json();
    assert.deepEqual(rest, { imported: 3, skippedDuplicates: 197, invalid: [] });
  });

  test('headers in another order and other words are recognised; the user’s mapping wins', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const headers = ['编号', '文件标题', '缓急', '来文单位', '文号', '来文日期（年月日）', '公文种类', '份数（份）', '办理状态', '说明', '经办人'];
    assert.deepEqual(suggestMapping(headers), {
      receivedOn: 5, fromOrg: 3, docNumber: 4, docType: 6, title: 1, urgency: 2, copies: 7, pages: null, secrecy: null, disclosure: null, status: 8, closedOn: null, remarks: 9,
    });
    const file = await workbookOf(headers, [
      ['2023-001', '关于做好防汛工作的通知', '特急', '市应急管理局', '示应急〔2023〕8号', '2023年6月1日', '通知', 3, '办结', '请市领导阅', '王敏'],
      ['2023-002', '关于报送统计数据的函', '普通', '市统计局', '', '2023/6/2', '函', '', '', '', '王敏'],
    ]);
    const preview = (await upload(clerk, '/api/incoming/import/preview', file)).json();
    assert.equal(preview.headerRow, 1);
    assert.deepEqual([preview.rows, preview.valid, preview.invalid], [2, 2, []]);
    assert.deepEqual(
      preview.sample.map((row: { receivedOn: string; urgency: string; copies: number; docNumber: string | null; remarks: string | null }) => [row.receivedOn, row.urgency, row.copies, row.docNumber, row.remarks]),
      [['2023-06-01', '特急', 3, '示应急〔2023〕8号', '请市领导阅'], ['2023-06-02', '平急', 1, null, null]],
    );

    // The user says 说明 is not 备注, and 经办人 is.
    const remapped = (await upload(clerk, '/api/incoming/import/preview', file, { mapping: JSON.stringify({ remarks: 10 }) })).json();
    assert.equal(remapped.mapping.remarks, 10);
    assert.equal(remapped.sample[0].remarks, '王敏');
    const unmapped = (await upload(clerk, '/api/incoming/import/preview', file, { mapping: JSON.stringify({ title: null }) })).json();
    assert.deepEqual(unmapped.invalid.map((row: { errors: string[] }) => row.errors), [['第 2 行：缺少标题'], ['第 3 行：缺少标题']]);
    const refused = await upload(clerk, '/api/incoming/import', file, { mapping: JSON.stringify({ title: null }) });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().message, /必填项对应的列：标题/);
    const outOfRange = await upload(clerk, '/api/incoming/import/preview', file, { mapping: JSON.stringify({ title: 40 }) });
    assert.equal(outOfRange.statusCode, 400);
    assert.match(outOfRange.json().message, /标题对应的第 41 列不存在/);
    const twice = await upload(clerk, '/api/incoming/import/preview', file, { mapping: JSON.stringify({ title: 1, remarks: 1 }) });
    assert.match(twice.json().message, /「文件标题」一列不能同时作为标题和备注/);
    assert.equal((await upload(clerk, '/api/incoming/import/preview', file, { mapping: JSON.stringify({ signer: 1 }) })).statusCode, 400);
    assert.equal((await upload(clerk, '/api/incoming/import/preview', file, { mapping: '{not json' })).statusCode, 400);
  });

  test('each row says what is wrong with it, in Chinese', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const row = (overrides: Record<number, Cell>) => {
      const cells: Cell[] = [1, '2025-05-06', '市财政局', '示财〔2025〕1号', '通知', '关于预算执行情况的通知', '平急', 1, 3, '非涉密', '主动公开', '办结', ''];
      for (const [index, value] of Object.entries(overrides)) cells[Number(index)] = value;
      return cells;
    };
    const file = await workbookOf(HEADERS, [
      row({ 2: '', 5: '' }),
      row({ 1: '2026-12-01' }),
      row({ 6: '很急', 7: '两份', 8: 0 }),
      row({ 11: '在办' }),
      row({ 11: '退回' }),
      row({ 10: '内部' }),
      row({ 5: '关于'.repeat(120) }),
      row({ 1: '2025年2月30日' }),
      row({}),
    ]);
    const preview = (await upload(clerk, '/api/incoming/import/preview', file)).json();
    assert.deepEqual(preview.invalid, [
      { row: 2, errors: ['第 2 行：缺少来文机关', '第 2 行：缺少标题'] },
      { row: 3, errors: ['第 3 行：收文日期 2026-12-01 晚于今天'] },
      { row: 4, errors: ['第 4 行：份数「两份」应为整数', '第 4 行：紧急程度「很急」应为特急、加急、平急之一', '第 4 行：页数「0」不能小于 1'] },
      { row: 6, errors: ['第 6 行：办理情况为「退回」的，须在备注中写明退回理由（条例第二十四条）'] },
      { row: 7, errors: ['第 7 行：公开属性「内部」应为主动公开、依申请公开、不予公开之一'] },
      { row: 8, errors: ['第 8 行：标题过长（最多 200 字）'] },
      { row: 9, errors: ['第 9 行：收文日期「2025年2月30日」不是有效日期：2025年2月没有30日'] },
    ]);
    // 在办 is a document still being handled: it comes in open, waiting for 拟办.
    assert.equal(preview.valid, 2);
    assert.equal(preview.inProgress, 1);
  });

  test('register dates: Excel dates, serial numbers and the ways people type them', () => {
    assert.equal(parseRegisterDate(new Date(Date.UTC(2026, 2, 5))), '2026-03-05');
    assert.equal(parseRegisterDate(46086), '2026-03-05');
    assert.equal(parseRegisterDate(44624, true), '2026-03-05'); // 1904 date system
    assert.equal(parseRegisterDate(20260305), '2026-03-05');
    for (const text of ['2026-3-5', '2026/03/05', '2026.3.5', '2026年3月5日', ' 2026 年 3 月 5 日 ', '２０２６－３－５', '2026-03-05 10:30', '20260305']) {
      assert.equal(parseRegisterDate(text), '2026-03-05', text);
    }
    for (const text of ['2026-2-30', '3/5/2026', '去年', '2026-3']) assert.equal(parseRegisterDate(text), undefined, text);
  });

  test('only those who may register 收文 may import; the file must be an .xlsx', async () => {
    const inspector = await actingAs(t.app, t.database.db, ['inspector']);
    const file = await registerFile(2023, { isBad: false });
    const forbidden = await upload(inspector, '/api/incoming/import/preview', file);
    assert.equal(forbidden.statusCode, 403);
    assert.match(forbidden.json().message, /不能登记收文/);
    const user = await buildUser(t.database.db, { roles: ['inspector'] });
    await assert.rejects(
      importIncomingRegister({ db: t.database.db, actor: actorOf(user, ['inspector']), content: file, fileName: 'x.xlsx', mode: 'all', now: t.clock.now() }),
      (error: unknown) => error instanceof AppError && error.code === 'FORBIDDEN',
    );

    const director = await actingAs(t.app, t.database.db, ['director']);
    const csv = await upload(director, '/api/incoming/import/preview', Buffer.from('收文日期,来文机关\n2025-01-01,市财政局\n'), {}, '登记簿.csv');
    assert.equal(csv.statusCode, 400);
    assert.match(csv.json().message, /\.xlsx/);
    assert.equal((await upload(director, '/api/incoming/import', file, { mode: 'some' })).statusCode, 400);
    const tooLarge = await upload(director, '/api/incoming/import/preview', Buffer.alloc(10 * 1024 * 1024 + 1));
    assert.equal(tooLarge.statusCode, 400);
    assert.match(tooLarge.json().message, /不能超过 10 MB/);
    const noFile = await t.app.inject({ method: 'POST', url: '/api/incoming/import/preview', headers: { cookie: director.cookie }, payload: {} });
    assert.equal(noFile.statusCode, 400);
  });

  test('two imports of the same register at once: one writes the rows, the other waits and skips them', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const director = await actingAs(t.app, t.database.db, ['director']);
    const file = await workbookOf(HEADERS, Array.from({ length: 5 }, (_, i) => registerRow(2021, i).cells));
    const before = await incomingCount();
    const results = await Promise.all([upload(clerk, '/api/incoming/import', file), upload(director, '/api/incoming/import', file)]);
    assert.deepEqual(results.map((response) => response.statusCode), [200, 200]);
    assert.deepEqual(
      results.map((response) => response.json()).sort((a, b) => b.imported - a.imported),
      [{ imported: 5, skippedDuplicates: 0, invalid: [] }, { imported: 0, skippedDuplicates: 5, invalid: [] }],
    );
    assert.equal(await incomingCount(), before + 5);
  });

  test('the use cases work without HTTP: a preview writes nothing, an import by a director records keys', async () => {
    const user = await buildUser(t.database.db, { roles: ['director'] });
    const actor = actorOf(user, ['director']);
    const file = await workbookOf(HEADERS, [registerRow(2022, 0).cells, registerRow(2022, 1).cells]);
    const keysBefore = (await t.database.db.select({ n: count() }).from(caseImportKeys))[0]!.n;
    const preview = await previewIncomingImport({ db: t.database.db, actor, content: file, now: t.clock.now() });
    assert.deepEqual([preview.rows, preview.valid, preview.duplicates], [2, 2, 0]);
    assert.equal((await t.database.db.select({ n: count() }).from(caseImportKeys))[0]!.n, keysBefore);
    const result = await importIncomingRegister({ db: t.database.db, actor, content: file, fileName: '2022.xlsx', mode: 'all', now: t.clock.now() });
    assert.deepEqual(result, { imported: 2, skippedDuplicates: 0, invalid: [] });
    assert.equal((await t.database.db.select({ n: count() }).from(caseImportKeys))[0]!.n, keysBefore + 2);
  });
});
