/**
 * What one Open311 request (POST requests.json) costs in statements: the key, the service, the intake actor, the
 * number, the ticket with its sealed caller, trail, clocks and 待办, its category and 街乡 checked, the surge and the
 * duplicates judged, the open311_requests row and the audit row. Counted on the statements drizzle sends,
 * BEGIN/COMMIT left out, on both databases, after a first request warmed the process's caches. Was 23 (BEGIN/COMMIT apart; each read
 * its own round trip, the sealed values row by row, a savepoint around the ticket); a change that adds one fails here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { verifyCaseTrail } from '../../../engine/cases/trail.js';
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

const post = (fields: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/api/public/open311/v2/requests.json', payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

describe('round trips of an Open311 request', () => {
  test('one request, no duplicate, no surge: 8 statements — the reads in one, the number (one statement), the row, the trail event with what rides on it, the checks in one, the request row, the audit tail', async () => {
    const db = t.database.db;
    const center = await actingAs(t.app, db, ['hotline_staff']);
    const apiKey = (await center.request('POST', '/api/hotline/open311-keys', { name: '省12345平台' })).json().apiKey as string;
    const services = (await t.app.inject({ method: 'GET', url: '/api/public/open311/v2/services.json' })).json() as Array<{ service_code: string; service_name: string }>;
    const light = services.find((item) => item.service_name === '路灯照明')!;
    const request = (n: number) => ({ api_key: apiKey, service_code: light.service_code, description: `南街 ${n} 号路灯不亮已经两晚`, address_string: `南街 ${n} 号`, first_name: '建国', last_name: '张', phone: `1395555${String(n).padStart(4, '0')}` });
    assert.equal((await post(request(1))).statusCode, 200); // warms the caches
    recording = [];
    const answer = await post(request(2));
    const seen = recording.filter((text) => !/^(begin|commit|rollback)\b/i.test(text));
    recording = undefined;
    assert.equal(answer.statusCode, 200, answer.body);
    assert.ok(seen.length <= 8, `${seen.length} statements:\n${seen.join('\n')}`);
    // What the fewer statements wrote is all there.
    const serialNo = (answer.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const [ticket] = rowsOf<{ id: string; requests: number; audits: number; personal: number; waiting: number }>(
      await db.execute(sql`select c.id, (select count(*)::int from open311_requests r where r.case_id = c.id) as requests,
        (select count(*)::int from audit_log a where a.action = 'open311.request_create' and a.object_id = c.id::text) as audits,
        (select count(*)::int from case_personal p where p.case_id = c.id) as personal,
        (select count(*)::int from work_items w where w.case_id = c.id) as waiting
        from cases c where c.kind = 'ticket' and c.serial_no = ${serialNo}`),
    );
    assert.deepEqual({ ...ticket, id: undefined }, { id: undefined, requests: 1, audits: 1, personal: 2, waiting: 1 });
    assert.equal(await verifyCaseTrail(db, ticket!.id), undefined);
    // The same caller again: the duplicate is found and linked (one statement more).
    recording = [];
    const again = await post({ ...request(2), description: '南街路灯还是不亮' });
    const more = recording.filter((text) => !/^(begin|commit|rollback)\b/i.test(text));
    recording = undefined;
    assert.equal(again.statusCode, 200, again.body);
    assert.ok(more.length <= 9, `${more.length} statements:\n${more.join('\n')}`);
    const [linked] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from case_links where to_case_id = ${ticket!.id}`));
    assert.equal(linked!.n, 1);
  });
});
