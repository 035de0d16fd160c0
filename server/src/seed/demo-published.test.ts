import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { publishedItems } from '../db/schema/index.js';
import { getAnnualReport } from '../modules/disclosure/annual-report.service.js';
import { actorFor } from './demo-actors.js';
import { startTestApp, type TestContext } from '../../test/test-app.js';
import { seedDemoOffice } from './demo-office.js';
import { seedDemoPublished } from './demo-published.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('demo 主动公开: fourteen months through the use case, nothing after today, and a report whose checks hold', async () => {
  const db = t.database.db;
  const now = new Date('2026-11-20T10:00:00+08:00');
  assert.equal(await seedDemoOffice({ db, now: new Date('2025-01-01T00:00:00+08:00') }), true);
  assert.equal(await seedDemoPublished({ db, now }), 17);

  const rows = await db.select().from(publishedItems);
  assert.equal(rows.length, 17);
  assert.ok(rows.every((row) => row.publishedOn <= '2026-11-20' && (row.repealedOn ?? '') <= '2026-11-20'));
  assert.equal(rows.filter((row) => row.repealedOn !== null).length, 1);

  const report = await getAnnualReport({ db, actor: await actorFor(db, 'mayor'), year: 2026 });
  assert.ok(report.checks.every((check) => check.isOk));
  const cells = (key: string) => report.published.rows.find((row) => row.key === key)!.cells;
  // 规章: 令第11号 (2026-01-24) and 第12号 (2026-05-04) issued in 2026; 第9号 (2025) repealed 2026-10-31.
  assert.deepEqual(cells('规章'), [2, 1, 2]);
  assert.ok(cells('行政许可')[0]! > 0 && cells('行政处罚')[0]! > 0 && cells('行政强制')[0]! > 0);
});
