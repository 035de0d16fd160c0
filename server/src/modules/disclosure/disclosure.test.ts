import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AnnualReportView, PublishedItemView } from '../../../../common/schemas/disclosure.js';
import type { MetricRecords, MetricResult } from '../../../../common/schemas/metrics.js';
import { auditLog, publishedItems } from '../../db/schema/index.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { unzip } from '../../../test/office-files.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
type Session = Awaited<ReturnType<typeof actingAs>>;
let clerk: Session;
let leader: Session;
let hotline: Session;
let sysadmin: Session;
let liaisonA: Session;
let unitA = '';
let unitB = '';

const entry = (overrides: Record<string, unknown> = {}) => ({
  title: '示例市城市管理办法',
  category: '规章',
  channels: ['政府网站', '政府公报'],
  publishedOn: '2026-03-10',
  documentNumber: '示例市人民政府令第12号',
  ...overrides,
});

const create = async (who: Session, overrides: Record<string, unknown> = {}): Promise<PublishedItemView> => {
  const response = await who.request('POST', '/api/disclosure/published', entry(overrides));
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
};

const auditActions = async (objectId: string) =>
  (await t.database.db.select().from(auditLog).where(and(eq(auditLog.objectType, 'published_item'), eq(auditLog.objectId, objectId)))).map((row) => row.action);

before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-12-15T10:00:00+08:00'));
  const root = await buildUnit(t.database.db, { name: '示例市人民政府', type: 'office' });
  unitA = (await buildUnit(t.database.db, { name: '示例市司法局', parentId: root.id })).id;
  unitB = (await buildUnit(t.database.db, { name: '示例市市场监督管理局', parentId: root.id })).id;
  clerk = await actingAs(t.app, t.database.db, ['clerk'], { unitId: root.id });
  leader = await actingAs(t.app, t.database.db, ['leader'], { unitId: root.id });
  hotline = await actingAs(t.app, t.database.db, ['hotline_staff'], { unitId: root.id });
  sysadmin = await actingAs(t.app, t.database.db, ['sysadmin'], { unitId: root.id });
  liaisonA = await actingAs(t.app, t.database.db, ['liaison'], { unitId: unitA });
});
after(() => t.close());

describe('主动公开 register', () => {
  test('bad input is a 400 naming the field, and nothing is stored', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ channels: [] }, /公开渠道/],
      [{ channels: ['政府网站', '政府网站'] }, /不能重复/],
      [{ feeAmount: 3 }, /只有行政事业性收费/],
      [{ category: '行政事业性收费' }, /请填写收费金额/],
      [{ category: '行政事业性收费', feeAmount: 1.23456 }, /四位小数/],
      [{ decisionCount: 3 }, /只有行政许可/],
      [{ publishedOn: '2026-02-30' }, /实际存在的日期/],
      [{ title: '  ' }, /公开事项名称/],
      [{ title: 'a\u0000b' }, /.+/],
      [{ category: '通知' }, /.+/],
    ];
    for (const [overrides, message] of cases) {
      const response = await clerk.request('POST', '/api/disclosure/published', entry({ ...overrides, title: overrides.title ?? `无效登记${message.source}` }));
      assert.equal(response.statusCode, 400, JSON.stringify(overrides));
      assert.match(JSON.stringify(response.json()), message, JSON.stringify(overrides));
    }
    assert.equal((await t.database.db.select().from(publishedItems)).length, 0);
  });

  test('roles: the office registers for any unit, a leader only reads, others may not read at all', async () => {
    const item = await create(clerk, { unitId: unitB, title: '市场监管行政处罚决定公示', category: '行政处罚', decisionCount: 7, publishedOn: '2026-05-06', documentNumber: undefined });
    assert.equal(item.unitId, unitB);
    assert.equal(item.unitName, '示例市市场监督管理局');
    assert.equal(item.decisionCount, 7);
    assert.deepEqual(await auditActions(item.id), ['published_item.create']);

    assert.equal((await leader.request('GET', '/api/disclosure/published?year=2026')).statusCode, 200);
    assert.equal((await leader.request('POST', '/api/disclosure/published', entry())).statusCode, 403);
    assert.equal((await hotline.request('GET', '/api/disclosure/published')).statusCode, 403);
    assert.equal((await sysadmin.request('GET', '/api/disclosure/annual-report?year=2026')).statusCode, 403);
    assert.equal((await sysadmin.request('POST', '/api/disclosure/published', entry())).statusCode, 403);
  });

  test('a 联络员 registers for their own unit, sees only it, and another unit\'s entries are not found', async () => {
    const own = await create(liaisonA, { title: '司法局规范性文件', category: '行政规范性文件', publishedOn: '2026-04-01' });
    assert.equal(own.unitId, unitA);
    assert.equal((await liaisonA.request('POST', '/api/disclosure/published', entry({ unitId: unitB }))).statusCode, 404);
    const listed: PublishedItemView[] = (await liaisonA.request('GET', '/api/disclosure/published')).json();
    assert.deepEqual(listed.map((item) => item.unitId), [unitA]);
    assert.equal((await liaisonA.request('GET', `/api/disclosure/published?unit=${unitB}`)).statusCode, 404);

    const other = (await t.database.db.select().from(publishedItems).where(eq(publishedItems.unitId, unitB)))[0]!;
    const edit = await liaisonA.request('PATCH', `/api/disclosure/published/${other.id}`, { ...entry(), version: other.version });
    assert.equal(edit.statusCode, 404);
    assert.equal((await liaisonA.request('POST', `/api/disclosure/published/${other.id}/repeal`, { repealedOn: '2026-06-01', reason: '误登', version: 1 })).statusCode, 404);
  });

  test('edit claims the version (stale → 409), repeal once, never before publication, each audited', async () => {
    const item = await create(clerk, { unitId: unitA, title: '旧版管理办法', publishedOn: '2025-01-20' });
    const edited = await clerk.request('PATCH', `/api/disclosure/published/${item.id}`, { ...entry({ title: '旧版管理办法（修订）', publishedOn: '2025-01-21' }), version: item.version });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().version, item.version + 1);
    assert.equal(edited.json().documentNumber, '示例市人民政府令第12号');
    const stale = await clerk.request('PATCH', `/api/disclosure/published/${item.id}`, { ...entry(), version: item.version });
    assert.equal(stale.statusCode, 409);

    const early = await clerk.request('POST', `/api/disclosure/published/${item.id}/repeal`, { repealedOn: '2025-01-01', reason: '被新办法取代', version: item.version + 1 });
    assert.equal(early.statusCode, 400);
    const repealed = await clerk.request('POST', `/api/disclosure/published/${item.id}/repeal`, { repealedOn: '2026-09-30', reason: '被新办法取代', version: item.version + 1 });
    assert.equal(repealed.statusCode, 200, repealed.body);
    assert.equal(repealed.json().repealedOn, '2026-09-30');
    const again = await clerk.request('POST', `/api/disclosure/published/${item.id}/repeal`, { repealedOn: '2026-10-30', reason: '再次废止', version: item.version + 2 });
    assert.equal(again.statusCode, 422);
    const afterRepeal = await clerk.request('PATCH', `/api/disclosure/published/${item.id}`, { ...entry({ publishedOn: '2026-10-01' }), version: item.version + 2 });
    assert.equal(afterRepeal.statusCode, 400, 'publication may not move after its repeal');
    assert.deepEqual(await auditActions(item.id), ['published_item.create', 'published_item.update', 'published_item.repeal']);
  });
});

describe('annual report', () => {
  before(async () => {
    await create(clerk, { unitId: unitA, title: '示例市城市管理办法' }); // 规章 2026-03-10
    await create(clerk, { unitId: unitB, title: '食品经营许可公示', category: '行政许可', decisionCount: 40, publishedOn: '2026-08-01', documentNumber: undefined });
    await create(clerk, { unitId: unitB, title: '不动产登记费', category: '行政事业性收费', feeAmount: 12.5, publishedOn: '2026-06-30', documentNumber: undefined });
    await create(clerk, { unitId: unitB, title: '2026年部门预算', category: '其他', channels: ['政府网站'], publishedOn: '2026-02-01', documentNumber: undefined });
    await create(clerk, { unitId: unitB, title: '2027年部门预算', category: '其他', channels: ['政府网站'], publishedOn: '2027-01-15', documentNumber: undefined });
  });

  const report = async (who: Session, query: string): Promise<AnnualReportView> => {
    const response = await who.request('GET', `/api/disclosure/annual-report?${query}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };
  const row = (view: AnnualReportView, key: string) => view.published.rows.find((candidate) => candidate.key === key)!.cells;

  test('table 二 from the register; tables 三 and 四 zero without applications; checks hold', async () => {
    const view = await report(leader, 'year=2026');
    assert.equal(view.organName, '示例市人民政府');
    // 规章: 2026-03-10 issued; the 2025 one (published 2025-01-21) repealed 2026-09-30 → 1 in force.
    assert.deepEqual(row(view, '规章'), [1, 1, 1]);
    assert.deepEqual(row(view, '行政规范性文件'), [1, 0, 1]);
    assert.deepEqual(row(view, '行政许可'), [40]);
    assert.deepEqual(row(view, '行政处罚'), [7]);
    assert.deepEqual(row(view, '行政事业性收费'), [12.5]);
    assert.match(view.overview[0]!, /共主动公开政府信息6条/);
    assert.ok(view.requests.rows.every((row) => row.cells.every((cell) => cell === 0)));
    assert.match(view.overview[1]!, /新收政府信息公开申请0件/);
    assert.ok(view.checks.every((check) => check.isOk));

    const unit = await report(liaisonA, 'year=2026');
    assert.equal(unit.organName, '示例市司法局');
    assert.deepEqual(row(unit, '行政许可'), [0]);
    assert.deepEqual(row(unit, '规章'), [1, 1, 1]);
    assert.equal((await liaisonA.request('GET', `/api/disclosure/annual-report?year=2026&unit=${unitB}`)).statusCode, 404);
    assert.equal((await leader.request('GET', '/api/disclosure/annual-report?year=20x6')).statusCode, 400);
    assert.equal((await leader.request('GET', '/api/disclosure/annual-report?year=2026&format=pdf')).statusCode, 400);
  });

  test('the .xlsx opens, one sheet per table, with the numbers as numbers in their cells', async () => {
    const response = await leader.request('GET', '/api/disclosure/annual-report?year=2026&format=xlsx');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-disposition']), /filename\*=UTF-8''.*2026/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['总体情况', '二 主动公开', '三 依申请公开', '四 复议诉讼']);
    const published = workbook.getWorksheet('二 主动公开')!;
    const rowWith = (sheet: ExcelJS.Worksheet, label: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((candidate) => {
        if (candidate.getCell(1).value === label) found = candidate;
      });
      assert.ok(found, label);
      return found;
    };
    assert.deepEqual([2, 3, 4].map((column) => rowWith(published, '规章').getCell(column).value), [1, 1, 1]);
    assert.equal(rowWith(published, '行政许可').getCell(2).value, 40);
    assert.equal(rowWith(published, '行政事业性收费').getCell(2).value, 12.5);
    const requests = workbook.getWorksheet('三 依申请公开')!;
    assert.equal(rowWith(requests, '一、本年新收政府信息公开申请数量').getCell(10).value, 0);
    assert.equal(requests.getCell(3, 4).value, '自然人');
    assert.equal(workbook.getWorksheet('四 复议诉讼')!.getCell(3, 1).value, '行政复议');
    assert.match(String(workbook.getWorksheet('总体情况')!.getCell(1, 1).value), /示例市人民政府2026年政府信息公开工作年度报告/);
  });

  test('the .docx is the report in GB/T 9704 form: title, the six parts, the tables with the numbers', async () => {
    const response = await leader.request('GET', '/api/disclosure/annual-report?year=2026&format=docx');
    assert.equal(response.statusCode, 200);
    const xml = unzip(response.rawPayload).get('word/document.xml')!;
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('|');
    assert.ok(text.includes('示例市人民政府|2026年政府信息公开工作年度报告'), 'the title in two lines: the organ, then the year and the report');
    for (const heading of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) {
      assert.ok(text.includes(heading), heading);
    }
    assert.equal([...xml.matchAll(/<w:tbl>/g)].length, 3);
    assert.ok(text.includes('|行政许可|40|'), 'the 行政许可 row and its number');
    assert.ok(text.includes('|行政事业性收费|12.5|'));
    assert.ok(text.includes('2026年12月15日'), 'dated the day it was made');
  });
});

describe('metric disclosure.published', () => {
  const YEAR = 'from=2026-01-01&to=2026-12-31';

  test('equals the register\'s count for the range, by category, with the entries behind it', async () => {
    const listed: PublishedItemView[] = (await clerk.request('GET', '/api/disclosure/published?year=2026')).json();
    const result: MetricResult = (await clerk.request('GET', `/api/metrics/disclosure.published?${YEAR}`)).json();
    assert.equal(result.value, listed.length);
    assert.equal(result.value, 6);
    assert.deepEqual(result.parts, { 其他: 1, 规章: 1, 行政事业性收费: 1, 行政处罚: 1, 行政规范性文件: 1, 行政许可: 1 });
    // The year asked before it ends is counted to today, and compared with the same dates of 2025.
    const today = result.range.to;
    assert.ok(today < '2026-12-31', today);
    assert.deepEqual(result.previous, { range: { from: '2025-01-01', to: `2025${today.slice(4)}` }, value: 1, hasData: true }, 'the 2025 规章, repealed since, counts in 2025');

    const records: MetricRecords = (await clerk.request('GET', `/api/metrics/disclosure.published/records?${YEAR}`)).json();
    assert.equal(records.total, 6);
    assert.equal(records.hiddenCount, 0);
    assert.equal(records.registerPath, '/disclosure');
    assert.deepEqual(records.entries.map((item) => item.id).sort(), listed.map((item) => item.id).sort());
    assert.deepEqual(records.items, []);
  });

  test('by unit: a 联络员 gets their unit; someone who may not read the register gets the count only', async () => {
    const liaison: MetricResult = (await liaisonA.request('GET', `/api/metrics/disclosure.published?${YEAR}`)).json();
    assert.equal(liaison.value, 2);
    const hidden: MetricRecords = (await hotline.request('GET', `/api/metrics/disclosure.published/records?${YEAR}`)).json();
    assert.equal(hidden.total, 6);
    assert.equal(hidden.hiddenCount, 6);
    assert.deepEqual(hidden.entries, []);
    assert.equal(hidden.registerPath, null);
  });
});
