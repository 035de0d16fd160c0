/**
 * A 分工方案 brought by the 督查室: previewed (two bad rows named, the year read from the title), refused
 * whole with 'all', imported valid-only as 督办 items assigned to their units, and imported again as nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { assignments, caseImportKeys, cases, units } from '../../../db/schema/index.js';
import { actingAs, buildUnit } from '../../../../test/factories.js';
import { messyPlan, PLAN_HEADERS, PLAN_TITLE, PLAN_UNITS } from '../../../../test/plan-fixtures.js';
import { multipartOf, workbookOf } from '../../../../test/register-fixtures.js';
import { startTestApp, type TestContext } from '../../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
  for (const unit of PLAN_UNITS) {
    const row = await buildUnit(t.database.db, { name: unit.name });
    await t.database.db.update(units).set({ shortName: unit.shortName }).where(eq(units.id, row.id));
  }
});
after(() => t.close());

type Session = Awaited<ReturnType<typeof actingAs>>;
const upload = (who: Session, url: string, file: Buffer, fields: Record<string, string> = {}) => {
  const { payload, contentType } = multipartOf(file, fields, '2026年重点工作分工方案.xlsx');
  return t.app.inject({ method: 'POST', url, headers: { cookie: who.cookie, 'content-type': contentType }, payload });
};
const supervisionCount = async () => (await t.database.db.select({ n: count() }).from(cases).where(eq(cases.kind, 'supervision')))[0]!.n;

describe('分工方案 import', () => {
  test('preview → all refused → valid-only imports the rest as assigned 督办 items → again imports nothing', async () => {
    const plan = messyPlan();
    const file = await workbookOf({ headers: PLAN_HEADERS, rows: plan.rows, titleLine: PLAN_TITLE, sheetName: '分工方案' });
    const inspector = await actingAs(t.app, t.database.db, ['inspector']);

    const preview = await upload(inspector, '/api/supervision/import/preview', file);
    assert.equal(preview.statusCode, 200, preview.body);
    const body = preview.json();
    assert.equal(body.year, 2026);
    assert.equal(body.rows, plan.measures);
    assert.equal(body.valid, plan.measures - 2);
    assert.deepEqual(body.invalid.map((row: { row: number }) => row.row), plan.bad);
    assert.equal(body.tasks, plan.tasks);
    assert.equal(body.categories.length, 3);
    assert.equal(await supervisionCount(), 0, 'a preview writes nothing');

    const refused = await upload(inspector, '/api/supervision/import', file, { mode: 'all' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().message, /有 2 行不符合要求/);
    assert.equal(await supervisionCount(), 0);

    const imported = await upload(inspector, '/api/supervision/import', file, { mode: 'valid-only' });
    assert.equal(imported.statusCode, 200, imported.body);
    assert.equal(imported.json().imported, plan.measures - 2);
    assert.equal(await supervisionCount(), plan.measures - 2);

    const [first] = imported.json().caseIds as string[];
    const detail = (await inspector.request('GET', `/api/cases/${first}`)).json();
    assert.equal(detail.fields.source, '重点工作');
    assert.equal(detail.fields.leadUnitName, '市财政局');
    assert.match(detail.fields.measures, /其他责任单位：各县区政府/);
    const units = await t.database.db.select({ role: assignments.role }).from(assignments).where(eq(assignments.caseId, first!));
    assert.deepEqual(units.map((unit) => unit.role).sort(), ['assist', 'lead']);

    const again = await upload(inspector, '/api/supervision/import', file, { mode: 'valid-only' });
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual([again.json().imported, again.json().skippedDuplicates], [0, plan.measures - 2]);
    assert.equal((await upload(inspector, '/api/supervision/import/preview', file)).json().duplicates, plan.measures - 2);
    assert.equal((await t.database.db.select({ n: count() }).from(caseImportKeys).where(and(eq(caseImportKeys.kind, 'supervision'))))[0]!.n, plan.measures - 2);

    // keyTasks.decomposed counts the measures, with the 重点工作 and 类别 they belong to.
    const metricResponse = await inspector.request('GET', '/api/metrics/keyTasks.decomposed?from=2026-01-01&to=2026-12-31');
    assert.equal(metricResponse.statusCode, 200, metricResponse.body);
    const metric = metricResponse.json();
    assert.equal(metric.value, plan.measures - 2);
    assert.deepEqual([metric.extra.tasks, metric.extra.categories], [plan.tasks, 3]);
    const records = (await inspector.request('GET', '/api/metrics/keyTasks.decomposed/records?from=2026-01-01&to=2026-12-31')).json();
    assert.equal(records.total, plan.measures - 2);
  });

  test('a 联络员 cannot import; a year out of range and a file that is not .xlsx are refused', async () => {
    const plan = messyPlan();
    const file = await workbookOf({ headers: PLAN_HEADERS, rows: plan.rows, titleLine: PLAN_TITLE });
    const liaison = await actingAs(t.app, t.database.db, ['liaison']);
    assert.equal((await upload(liaison, '/api/supervision/import/preview', file)).statusCode, 403);
    const inspector = await actingAs(t.app, t.database.db, ['inspector']);
    const badYear = await upload(inspector, '/api/supervision/import/preview', file, { year: '1900' });
    assert.equal(badYear.statusCode, 400);
    assert.match(badYear.json().message, /方案年度/);
    assert.equal((await upload(inspector, '/api/supervision/import/preview', Buffer.from('序号,重点工作'))).statusCode, 400);
    // A workbook cut short in transfer: the friendly line, and what the reader said kept in the details.
    const cut = await upload(inspector, '/api/supervision/import/preview', file.subarray(0, Math.floor(file.length / 2)));
    assert.equal(cut.statusCode, 400, cut.body);
    assert.match(cut.json().message, /无法读取该 Excel 文件/);
    assert.match(String(cut.json().details?.cause), /\w+: .+/);
  });

  test('a plan without a year in its title takes the year chosen; past deadlines are not put under supervision', async () => {
    const file = await workbookOf({
      headers: PLAN_HEADERS,
      rows: [
        [1, '优化营商环境', '2月底前出台实施方案', '副市长甲', '市发展改革委', '', '2月底前', null],
        [2, null, '年底前完成评估', null, '市发展改革委', '', '年底前', null],
      ],
    });
    const inspector = await actingAs(t.app, t.database.db, ['inspector']);
    const preview = (await upload(inspector, '/api/supervision/import/preview', file, { year: '2026' })).json();
    assert.equal(preview.year, 2026);
    assert.deepEqual(preview.invalid, [{ row: 2, errors: ['完成时限 2026-02-28 已过，不再立项督办'] }]);
    assert.equal(preview.valid, 1);
  });
});
