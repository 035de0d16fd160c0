/**
 * The agents' ledger counts exactly up to 1,000 tickets and gives the planner's estimate above (约): at a
 * city's volume an exact count of every ticket is a scan of millions of rows on each page (bench:hotline).
 * 1,001 tickets are written straight into the table (the ledger reads rows, however they were made).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { actingAs } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('the ledger total is exact up to 1,000 tickets and an estimate (约) above', async () => {
  const center = await actingAs(t.app, t.database.db, ['hotline_staff']);
  await t.database.db.execute(sql`
    insert into cases (kind, year, seq, serial_no, title, state, fields, owner_unit_id, handler_id, created_by, created_at)
    select 'ticket', 2026, n, '2026' || lpad(n::text, 7, '0'), '咨询：公积金提取', 'answered_on_spot',
      jsonb_build_object('channel', case when n <= 3 then '微信' else '电话' end, 'ticketType', '咨询', 'category', '政务服务/政策咨询', 'callerName', '王*', 'content', '公积金提取', 'urgency', '一般'),
      ${center.user.unitId}::uuid, ${center.user.id}::uuid, ${center.user.id}::uuid, now() - n * interval '1 minute'
    from generate_series(1, 1001) as n`);
  const all = await center.request('GET', '/api/hotline/tickets?pageSize=20');
  assert.equal(all.statusCode, 200, all.body);
  const page = all.json() as { total: number; isEstimate: boolean; rows: Array<{ serialNo: string }> };
  assert.equal(page.isEstimate, true);
  assert.ok(page.total >= 1_001, `estimate ${page.total}`);
  assert.equal(page.rows.length, 20);
  assert.equal(page.rows[0]!.serialNo, '20260000001', 'newest first');

  const few = (await center.request('GET', `/api/hotline/tickets?channel=${encodeURIComponent('微信')}`)).json() as { total: number; isEstimate: boolean };
  assert.deepEqual([few.total, few.isEstimate], [3, false]);
});
