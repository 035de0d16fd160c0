/**
 * Open311 batch intake (requests/batch.json) on a real database: a call of several requests registers each as the
 * single route would — real 12345 工单 (ledger, clocks, trail, 待办, sealed requester), numbers unique and following
 * on from the register's, the per-day facts counting them — and answers per item in the order sent: a bad item
 * gets its 400 and the others are registered. A wrong key is a 401 with an audit row and no ticket; an empty or
 * over-limit batch is a 400, audited, with no ticket; the audit chain verifies after all of it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { verifyCaseTrail } from '../../../engine/cases/trail.js';
import { verifyAuditChain } from '../../../platform/audit-chain.js';
import { rowsOf } from '../../../platform/db.js';
import { actingAs } from '../../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../../test/test-app.js';
import { OPEN311_BATCH_LIMIT } from './open311.batch.js';

let t: TestContext;
let center: Awaited<ReturnType<typeof actingAs>>;
let apiKey: string;
let serviceCode: string;
before(async () => {
  t = await startTestApp({ config: { publicRequestsPerMinute: 10_000 } });
  center = await actingAs(t.app, t.database.db, ['hotline_staff']);
  apiKey = (await center.request('POST', '/api/hotline/open311-keys', { name: '省12345平台' })).json().apiKey as string;
  const services = (await t.app.inject({ method: 'GET', url: '/api/public/open311/v2/services.json' })).json() as Array<{ service_code: string; service_name: string }>;
  serviceCode = services.find((item) => item.service_name === '路灯照明')!.service_code;
});
after(() => t.close());

const batch = (body: unknown) => t.app.inject({ method: 'POST', url: '/api/public/open311/v2/requests/batch.json', payload: body as object });
const single = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/public/open311/v2/requests.json', payload: { api_key: apiKey, ...body } });
const one = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(query))[0]!;
const count = async (query: ReturnType<typeof sql>) => (await one<{ n: number }>(query)).n;
const tickets = () => count(sql`select count(*)::int as n from cases where kind = 'ticket'`);
const batchAudits = (result: string) => count(sql`select count(*)::int as n from audit_log where action = 'open311.request_batch' and result = ${result}`);
/** The office's 网上 tickets as the per-day facts count them (summed over lanes), and as the cases are. */
const factsAndCases = async () => ({
  facts: await count(sql`select coalesce(sum(n), 0)::int as n from hotline_ticket_facts where unit_id = '00000000-0000-0000-0000-000000000000' and channel = '网上'`),
  cases: await count(sql`select count(*)::int as n from cases where kind = 'ticket' and fields->>'channel' = '网上'`),
});
const request = (n: number, extra: Record<string, unknown> = {}) => ({ service_code: serviceCode, description: `批量转办：北街 ${n} 号路灯不亮`, address_string: `北街 ${n} 号`, last_name: '李', phone: `1390000${String(n).padStart(4, '0')}`, ...extra });

describe('Open311 batch intake', () => {
  test('registers every good request as a real ticket, answers a bad one with its 400 in place, counts them in the facts', async () => {
    const db = t.database.db;
    const before = await single(request(0));
    assert.equal(before.statusCode, 200, before.body);
    const singleSerial = before.json()[0].service_request_id as string;
    const [ticketsBefore, factsBefore] = [await tickets(), await factsAndCases()];
    assert.equal(factsBefore.facts, factsBefore.cases);

    const sent = [request(1), request(2, { service_code: '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f' }), request(3, { description: 'x' }), request(4, { ticket_type: '求助' }), request(5)];
    const answer = await batch({ api_key: apiKey, requests: sent });
    assert.equal(answer.statusCode, 200, answer.body);
    const results = answer.json() as Array<{ service_request_id?: string; code?: number; description?: string }>;
    assert.equal(results.length, sent.length, 'one result per request, in the order sent');
    assert.deepEqual(results.map((item) => (item.service_request_id ? 'ok' : item.code)), ['ok', 400, 400, 'ok', 'ok']);
    assert.equal(results[1]!.description, 'service_code 不存在');
    assert.match(results[2]!.description!, /description/);
    assert.equal(await tickets(), ticketsBefore + 3, 'the bad items registered nothing');

    // Numbers unique and following the single route's in the register, with no gap.
    const serials = results.flatMap((item) => (item.service_request_id ? [item.service_request_id] : []));
    assert.deepEqual(serials, [1, 2, 3].map((offset) => String(Number(singleSerial) + offset)));
    assert.equal(await count(sql`select count(*)::int as n from (select serial_no from cases group by serial_no having count(*) > 1) d`), 0);

    // Real tickets: channel 网上, the type asked, requester sealed, a create event, the clocks and 待办 a single intake gets.
    const rows = rowsOf<{ id: string; serial_no: string; state: string; fields: Record<string, unknown>; events: number; clocks: number; waiting: number; open311: number; sealed: number; indexed: number }>(
      await db.execute(sql`select c.id, c.serial_no, c.state, c.fields,
          (select count(*)::int from case_events e where e.case_id = c.id and e.action = 'create') as events,
          (select count(*)::int from case_clocks k where k.case_id = c.id) as clocks,
          (select count(*)::int from work_items w where w.case_id = c.id) as waiting,
          (select count(*)::int from open311_requests o where o.case_id = c.id) as open311,
          (select count(*)::int from case_personal p where p.case_id = c.id) as sealed,
          (select count(*)::int from person_index p where p.case_id = c.id) as indexed
        from cases c where c.serial_no in (${sql.join([singleSerial, ...serials].map((serial) => sql`${serial}`), sql`, `)}) and c.kind = 'ticket' order by c.serial_no`),
    );
    assert.equal(rows.length, 4);
    const [reference, ...created] = rows;
    for (const row of created) {
      assert.equal(row.state, 'registered');
      assert.equal(row.fields.channel, '网上');
      assert.equal(row.fields.category, '城市管理/路灯照明');
      assert.match(String(row.fields.callerPhone), /^139\*{4}\d{4}$/, 'the requester is sealed, the row masked');
      assert.equal(row.events, 1);
      assert.equal(row.open311, 1);
      assert.deepEqual([row.clocks, row.waiting, row.sealed, row.indexed], [reference!.clocks, reference!.waiting, reference!.sealed, reference!.indexed], `${row.serial_no}: clocks, 待办, sealed values and their index as a single intake's`);
      assert.equal(await verifyCaseTrail(db, row.id), undefined, `${row.serial_no}: the trail verifies (chain and seal)`);
    }
    assert.equal(created[1]!.fields.ticketType, '求助');
    assert.ok(reference!.waiting > 0, 'the ticket waits for its 派单');
    assert.ok(reference!.sealed > 0 && reference!.indexed > 0, 'the requester is sealed and indexed');
    // Found by the requester's phone, as the agents' search finds a caller (the blind index).
    const phone = await one<{ n: number }>(sql`select count(*)::int as n from person_index p join person_index q on q.type = p.type and q.digest = p.digest and q.case_id <> p.case_id where p.case_id = ${created[0]!.id}`);
    assert.equal(phone.n, 0, 'a phone of its own: no other ticket shares its digest');

    // In the center's ledger, readable back through Open311, counted by the facts.
    const ledger = (await center.request('GET', '/api/hotline/tickets?pageSize=50')).json().rows as Array<{ id: string }>;
    for (const row of created) assert.ok(ledger.some((item) => item.id === row.id), `${row.serial_no} in the ledger`);
    const status = await t.app.inject({ method: 'GET', url: `/api/public/open311/v2/requests/${serials[0]}.json?api_key=${encodeURIComponent(apiKey)}` });
    assert.equal(status.statusCode, 200, status.body);
    assert.equal(status.json()[0].status, 'open');
    const factsAfter = await factsAndCases();
    assert.equal(factsAfter.cases, factsBefore.cases + 3);
    assert.equal(factsAfter.facts, factsAfter.cases, 'hotline_ticket_facts counts the batch');

    // One audit row for the call, naming what was registered and what was refused.
    const audit = await one<{ result: string; details: { requests: number; created: string[]; refused: Array<{ index: number; reason: string }> } }>(
      sql`select result, details from audit_log where action = 'open311.request_batch' order by seq desc limit 1`,
    );
    assert.equal(audit.result, 'success');
    assert.deepEqual(audit.details.created, serials);
    assert.deepEqual(audit.details.refused.map((item) => item.index), [1, 2]);
  });

  test('numbers in a batch item\'s description are masked in its ticket and sealed, as a single request\'s', async () => {
    const description = '批量转办：北街路灯不亮，市民电话138-2222-3333，身份证110105198001010019';
    const answer = await batch({ api_key: apiKey, requests: [request(30, { description }), request(31)] });
    assert.equal(answer.statusCode, 200, answer.body);
    const [withNumbers, without] = (answer.json() as Array<{ service_request_id: string }>).map((item) => item.service_request_id);
    const rows = rowsOf<{ serial_no: string; row: string; content: string; sealed: string[] }>(
      await t.database.db.execute(sql`select c.serial_no, c::text as row, c.fields->>'content' as content,
          (select coalesce(array_agg(p.field order by p.field), '{}') from case_personal p where p.case_id = c.id) as sealed
        from cases c where c.kind = 'ticket' and c.serial_no in (${withNumbers}, ${without}) order by c.serial_no`),
    );
    assert.equal(rows[0]!.content, '批量转办：北街路灯不亮，市民电话138****3333，身份证1101**********0019');
    assert.doesNotMatch(rows[0]!.row, /2222-3333|13822223333|110105198001010019/);
    assert.deepEqual(rows.map((row) => row.sealed), [['callerName', 'callerPhone', 'content'], ['callerName', 'callerPhone']], 'a text without numbers seals nothing');
    const status = await t.app.inject({ method: 'GET', url: `/api/public/open311/v2/requests/${withNumbers}.json?api_key=${encodeURIComponent(apiKey)}` });
    assert.equal(status.json()[0].description, rows[0]!.content, 'read back masked');
  });

  test('a wrong key is a 401, audited; an empty or over-limit batch a 400, audited; nothing registered; the chain verifies', async () => {
    const [ticketsBefore, failuresBefore] = [await tickets(), await batchAudits('failure')];
    const wrong = await batch({ api_key: 'not-a-key', requests: [request(10)] });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), [{ code: 401, description: 'api_key 无效或已停用' }]);
    assert.equal(await count(sql`select count(*)::int as n from audit_log where action = 'open311.request_batch' and details->>'reason' = 'unknown key'`), 1);
    assert.equal((await batch({ requests: [request(11)] })).statusCode, 401, 'no key');

    const tooMany = await batch({ api_key: apiKey, requests: Array.from({ length: OPEN311_BATCH_LIMIT + 1 }, (_, n) => request(100 + n)) });
    assert.equal(tooMany.statusCode, 400, tooMany.body);
    assert.match(tooMany.json()[0].description, new RegExp(`${OPEN311_BATCH_LIMIT}`));
    assert.equal((await batch({ api_key: apiKey, requests: [] })).statusCode, 400, 'empty');
    assert.equal((await batch({ api_key: apiKey, requests: 'all of them' })).statusCode, 400, 'not a list');
    assert.equal(await tickets(), ticketsBefore, 'nothing registered');
    assert.equal(await batchAudits('failure'), failuresBefore + 5);

    // Every item refused: a 200 with every reason, nothing registered, the call audited as a failure.
    const refusedAll = await batch({ api_key: apiKey, requests: [request(20, { description: '' }), { nonsense: true }] });
    assert.equal(refusedAll.statusCode, 200, refusedAll.body);
    assert.deepEqual(refusedAll.json().map((item: { code: number }) => item.code), [400, 400]);
    assert.equal(await tickets(), ticketsBefore);
    assert.equal(await batchAudits('failure'), failuresBefore + 6);

    const chain = await verifyAuditChain(t.database.db);
    assert.equal(chain.problem, undefined, JSON.stringify(chain.problem));
    assert.ok(chain.checkedRows > 6);
  });

  test('concurrent calls, batches and single requests: every number given once, none skipped', async () => {
    const answers = await Promise.all([
      ...[0, 1, 2].map((call) => batch({ api_key: apiKey, requests: Array.from({ length: 7 }, (_, n) => request(500 + call * 10 + n)) })),
      ...[0, 1, 2, 3, 4].map((n) => single(request(600 + n))),
    ]);
    const serials = answers.flatMap((answer) => {
      assert.equal(answer.statusCode, 200, answer.body);
      return (answer.json() as Array<{ service_request_id: string }>).map((item) => Number(item.service_request_id));
    });
    const sorted = [...serials].sort((a, b) => a - b);
    assert.equal(sorted.length, 26);
    assert.deepEqual(sorted, sorted.map((_, n) => sorted[0]! + n), 'unique and consecutive');
    const last = await one<{ last_seq: number }>(sql`select last_seq from case_serials where kind = 'ticket' and series = ''`);
    assert.equal(last.last_seq, sorted.at(-1)! % 10_000_000, 'the register counted exactly these (year + 7-digit number)');
  });

  test('duplicates found as one by one would: a later item links to an earlier one of the call and to older tickets, never the other way', async () => {
    const caller = { phone: '13811112222', address_string: '西街 8 号' };
    const older = (await single(request(700, caller))).json()[0].service_request_id as string;
    const answer = await batch({ api_key: apiKey, requests: [request(701, caller), request(702), request(703, caller)] });
    assert.equal(answer.statusCode, 200, answer.body);
    const [first, , third] = (answer.json() as Array<{ service_request_id: string }>).map((item) => item.service_request_id);
    const links = rowsOf<{ from: string; to: string }>(
      await t.database.db.execute(sql`select f.serial_no as "from", c.serial_no as "to" from case_links l join cases f on f.id = l.from_case_id join cases c on c.id = l.to_case_id
        where f.serial_no in (${first!}, ${third!}) order by 1, 2`),
    );
    // Ordered by from, then to (older < first < third): the middle item, another caller elsewhere, links to nothing.
    assert.deepEqual(links, [{ from: first, to: older }, { from: third, to: older }, { from: third, to: first }]);
  });

  test('duplicates within one call as one by one: at most five, the newest before it — the same instant, so the later numbers first', async () => {
    const caller = { phone: '13877776666', address_string: '东街 1 号' };
    const older = (await single(request(800, caller))).json()[0].service_request_id as string;
    const answer = await batch({ api_key: apiKey, requests: Array.from({ length: 8 }, (_, n) => request(801 + n, caller)) });
    assert.equal(answer.statusCode, 200, answer.body);
    const serials = (answer.json() as Array<{ service_request_id: string }>).map((item) => item.service_request_id);
    const linksOf = async (serial: string) =>
      rowsOf<{ to: string }>(
        await t.database.db.execute(sql`select c.serial_no as "to" from case_links l join cases f on f.id = l.from_case_id join cases c on c.id = l.to_case_id
          where f.serial_no = ${serial} order by c.serial_no desc`),
      ).map((row) => row.to);
    assert.deepEqual(await linksOf(serials[0]!), [older]);
    assert.deepEqual(await linksOf(serials[2]!), [serials[1], serials[0], older]);
    // The eighth: seven before it of the same caller — the five newest are linked, the older ticket and the first two are not.
    assert.deepEqual(await linksOf(serials[7]!), serials.slice(2, 7).reverse());
    assert.equal(await count(sql`select count(*)::int as n from case_links l join cases c on c.id = l.to_case_id where c.serial_no = ${serials[7]!}`), 0, 'nothing links to the last');
  });

  test('a full batch: the limit in one call, numbers consecutive, the facts still equal the tickets', async () => {
    const answer = await batch({ api_key: apiKey, requests: Array.from({ length: OPEN311_BATCH_LIMIT }, (_, n) => request(1000 + n)) });
    assert.equal(answer.statusCode, 200, answer.body);
    const serials = (answer.json() as Array<{ service_request_id: string }>).map((item) => Number(item.service_request_id));
    assert.equal(serials.length, OPEN311_BATCH_LIMIT);
    assert.deepEqual(serials, serials.map((_, n) => serials[0]! + n));
    const { facts, cases } = await factsAndCases();
    assert.equal(facts, cases);
  });

  test('a surge made by one batch call (no single request of its category) is told to the center once, however many calls follow', async () => {
    const services = (await t.app.inject({ method: 'GET', url: '/api/public/open311/v2/services.json' })).json() as Array<{ service_code: string; service_name: string }>;
    const other = services.find((item) => item.service_name !== '路灯照明')!;
    const alerts = () => count(sql`select count(*)::int as n from hotline_surge_alerts where category like ${`%${other.service_name}`}`);
    const told = () => count(sql`select count(*)::int as n from notifications where title like ${`热点突增%${other.service_name}%`}`);
    const centerUsers = await count(sql`select count(distinct u.id)::int as n from users u join user_roles r on r.user_id = u.id where u.is_active and r.role in ('hotline_staff', 'director')`);
    assert.ok(centerUsers >= 1);
    assert.deepEqual([await alerts(), await told()], [0, 0]);
    // Six of a category never seen before, in one call: over the default minimum of 5, new this week — one surge.
    const first = await batch({ api_key: apiKey, requests: Array.from({ length: 6 }, (_, n) => request(6000 + n, { service_code: other.service_code })) });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual([await alerts(), await told()], [1, centerUsers]);
    const again = await batch({ api_key: apiKey, requests: [request(6101, { service_code: other.service_code }), request(6102, { service_code: other.service_code })] });
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual([await alerts(), await told()], [1, centerUsers]);
  });
});
