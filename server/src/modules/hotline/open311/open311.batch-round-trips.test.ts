/**
 * What one Open311 batch call (POST requests/batch.json) costs in statements, and that the cost does not grow
 * with the number of requests in it: a call of 10 and a call of 100 (callers seen before among them, so
 * duplicates are found and linked) count the same 11 — the key, the services, the intake actor, the numbers, the
 * cases, what rides beside them (sealed values, index, 待办, trail), the kind's one read (categories, 街乡, surges,
 * duplicates), the links, the request rows and the audit tail (two). Was 30 for 10 and 121 for 100 (a duplicates
 * query a ticket, more a category, 街乡 and pair). Counted on the statements drizzle sends, BEGIN/COMMIT left out,
 * on both databases, after a first call warmed the process's caches.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db.js';
import { actingAs } from '../../../../test/factories.js';
import { createTestDatabase } from '../../../../test/test-db.js';
import { startTestApp, type TestContext } from '../../../../test/test-app.js';

let recording: string[] | undefined;
let t: TestContext;
before(async () => {
  const database = await createTestDatabase({ onQuery: (text: string) => recording?.push(text.replace(/\s+/g, ' ')) });
  t = await startTestApp({ database, config: { publicRequestsPerMinute: 10_000 } });
  t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
});
after(async () => {
  await t.close();
  await t.database.close();
});

describe('round trips of an Open311 batch call', () => {
  test('a call of 10 and a call of 100 cost the same statements, duplicates included', async () => {
    const db = t.database.db;
    const center = await actingAs(t.app, db, ['hotline_staff']);
    const apiKey = (await center.request('POST', '/api/hotline/open311-keys', { name: '省12345平台' })).json().apiKey as string;
    const services = (await t.app.inject({ method: 'GET', url: '/api/public/open311/v2/services.json' })).json() as Array<{ service_code: string; service_name: string }>;
    const light = services.find((item) => item.service_name === '路灯照明')!;
    // Callers 0..49 recur: the second call's odd items repeat the first call's callers.
    const request = (n: number) => ({ service_code: light.service_code, description: `南街 ${n} 号路灯不亮已经两晚`, address_string: `南街 ${n} 号`, last_name: '张', phone: `1395555${String(n % 50).padStart(4, '0')}` });
    const call = async (from: number, size: number) => {
      recording = [];
      const answer = await t.app.inject({ method: 'POST', url: '/api/public/open311/v2/requests/batch.json', payload: { api_key: apiKey, requests: Array.from({ length: size }, (_, n) => request(from + n)) } });
      const seen = recording.filter((text) => !/^(begin|commit|rollback)\b/i.test(text));
      recording = undefined;
      assert.equal(answer.statusCode, 200, answer.body);
      assert.ok((answer.json() as Array<{ service_request_id?: string }>).every((item) => item.service_request_id), answer.body);
      return seen;
    };
    await call(0, 5); // warms the caches
    const ten = await call(45, 10); // callers 45..49 and 0..4: the last five repeat the warm-up's
    const hundred = await call(100, 100);
    if (process.env.COUNT_TRACE === '1') console.log(`10: ${ten.length}\n${ten.join('\n')}\n\n100: ${hundred.length}\n${hundred.join('\n')}`);
    assert.equal(hundred.length, ten.length, `10: ${ten.length}, 100: ${hundred.length} statements:\n${hundred.join('\n')}`);
    assert.ok(hundred.length <= 11, `${hundred.length} statements:\n${hundred.join('\n')}`);
    // Linked: the ten's last five (the warm-up's callers), the hundred's ten of those callers again, and its second fifty (its own first fifty's).
    const [linked] = rowsOf<{ n: number }>(await db.execute(sql`select count(distinct from_case_id)::int as n from case_links`));
    assert.equal(linked!.n, 5 + 10 + 50);
  });
});
