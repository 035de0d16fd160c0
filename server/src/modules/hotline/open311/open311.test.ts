/**
 * Open311 GeoReport v2 on a real database: the services are the 二级 categories; the center issues a key
 * (hotline.manage only, shown once, stored hashed); a request posted as a form with the key becomes a
 * 12345 工单 of channel 网上 with the requester sealed and the numbers in its description masked (and read
 * back masked); a wrong or revoked key gets 401 and an audit row
 * and writes no ticket; the status is open/closed with the unit handling it, status_notes only once the
 * answer is public; another system's key cannot read it. The discovery document and each service's definition;
 * GET requests.json lists a key's own requests only (never another key's, even by id), by id, service, dates and
 * status, 90 days unless dates are given, at most 1,000; bad dates are a 400 in the GeoReport error shape, audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db.js';
import { actingAs, buildUnit } from '../../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp({ config: { publicRequestsPerMinute: 10_000 } });
});
after(() => t.close());

const form = (fields: Record<string, string>) => ({ payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
const post = (fields: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/public/open311/v2/requests.json', ...form(fields) });
const status = (id: string, apiKey: string) => t.app.inject({ method: 'GET', url: `/api/public/open311/v2/requests/${id}.json?api_key=${encodeURIComponent(apiKey)}` });
const count = async (query: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await t.database.db.execute(query))[0]!.n;
const tickets = () => count(sql`select count(*)::int as n from cases where kind = 'ticket'`);
const refusals = () => count(sql`select count(*)::int as n from audit_log where action like 'open311.%' and result = 'failure'`);

describe('Open311 GeoReport v2', () => {
  test('services, keys, a request as a 网上 ticket, its status with status_notes only when public', async () => {
    const db = t.database.db;
    const services = await t.app.inject({ method: 'GET', url: '/api/public/open311/v2/services.json' });
    assert.equal(services.statusCode, 200);
    const light = (services.json() as Array<{ service_code: string; service_name: string; group: string; type: string }>).find((item) => item.service_name === '路灯照明');
    assert.ok(light, 'the 二级 category is a service');
    assert.equal(light.group, '城市管理');
    assert.equal(light.type, 'realtime');

    const center = await actingAs(t.app, db, ['hotline_staff']);
    const liaison = await actingAs(t.app, db, ['liaison']);
    assert.equal((await liaison.request('POST', '/api/hotline/open311-keys', { name: '省12345平台' })).statusCode, 403);
    const issued = await center.request('POST', '/api/hotline/open311-keys', { name: '省12345平台' });
    assert.equal(issued.statusCode, 200, issued.body);
    const apiKey = issued.json().apiKey as string;
    const other = (await center.request('POST', '/api/hotline/open311-keys', { name: '城市APP' })).json().apiKey as string;
    assert.doesNotMatch(JSON.stringify(rowsOf(await db.execute(sql`select * from open311_keys`))), new RegExp(apiKey), 'only the hash is stored');

    // A wrong key: 401, audited, nothing written.
    const [ticketsBefore, refusalsBefore] = [await tickets(), await refusals()];
    const wrong = await post({ api_key: 'not-a-key', service_code: light.service_code, description: '路灯不亮' });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), [{ code: 401, description: 'api_key 无效或已停用' }], 'GeoReport v2 error shape');
    assert.equal((await post({ service_code: light.service_code, description: '路灯不亮' })).statusCode, 401, 'no key');
    assert.equal(await tickets(), ticketsBefore);
    assert.equal(await refusals(), refusalsBefore + 2);

    assert.equal((await post({ api_key: apiKey, service_code: '00000000-0000-0000-0000-000000000001', description: '路灯不亮' })).statusCode, 400, 'unknown service');
    const created = await post({ api_key: apiKey, service_code: light.service_code, description: '南街 3 号路灯不亮已经两晚，请回电 139-5555-7777', address_string: '南街 3 号', first_name: '建国', last_name: '张', phone: '13955556666', may_publish: 'true' });
    assert.equal(created.statusCode, 200, created.body);
    const id = (created.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const [ticket] = rowsOf<{ id: string; fields: Record<string, unknown> }>(await db.execute(sql`select id, fields from cases where serial_no = ${id} and kind = 'ticket'`));
    assert.equal(ticket!.fields.channel, '网上');
    assert.equal(ticket!.fields.category, '城市管理/路灯照明');
    assert.equal(ticket!.fields.callerPhone, '139****6666');
    assert.equal(ticket!.fields.content, '南街 3 号路灯不亮已经两晚，请回电 139****7777', 'the description becomes the content, its number masked');
    assert.equal(await count(sql`select count(*)::int as n from audit_log where action = 'open311.request_create' and object_id = ${ticket!.id}`), 1);

    let read = await status(id, apiKey);
    assert.equal(read.statusCode, 200, read.body);
    let view = read.json()[0];
    assert.equal(view.status, 'open');
    assert.equal(view.agency_responsible, '12345热线中心');
    assert.equal(view.status_notes, null);
    assert.equal(view.service_code, light.service_code);
    assert.doesNotMatch(read.body, /张建国|13955556666|139\*\*\*\*6666/, 'the requester is not in the status');
    assert.equal(view.description, '南街 3 号路灯不亮已经两晚，请回电 139****7777', 'the description is read back masked');
    assert.doesNotMatch(read.body, /5555-7777|13955557777/);
    assert.equal((await status(id, other)).statusCode, 404, 'another system cannot read it');
    assert.equal((await status(id, 'wrong')).statusCode, 401);
    assert.equal((await status('999999', apiKey)).statusCode, 404);

    const bureau = await buildUnit(db, { type: 'department', name: `路灯管理处${Math.random().toString(36).slice(2, 6)}` });
    const act = async (who: typeof center, action: string, body: Record<string, unknown> = {}) => {
      const detail = (await who.request('GET', `/api/cases/${ticket!.id}`)).json();
      const response = await who.request('POST', `/api/cases/${ticket!.id}/actions/${action}`, { version: detail.version, ...body });
      assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
      return detail;
    };
    await act(center, 'assign', { units: [{ unitId: bureau.id, role: 'lead' }] });
    const unit = await actingAs(t.app, db, ['liaison'], { unitId: bureau.id });
    const assignmentId = (await unit.request('GET', `/api/cases/${ticket!.id}`)).json().assignments[0].id as string;
    await act(unit, 'sign', { assignmentId });
    await act(unit, 'reply', { assignmentId, reply: '已修复南街 3 号路灯。' });
    view = (await status(id, apiKey)).json()[0];
    assert.equal(view.agency_responsible, bureau.name);
    assert.equal(view.extended_attributes.fuban_signed, true);
    assert.equal(view.status_notes, null, 'answered but not public');
    await act(center, 'publish_reply');
    await act(center, 'revisit', { result: '满意', resolved: '已解决' });
    view = (await status(id, apiKey)).json()[0];
    assert.equal(view.status, 'closed');
    assert.equal(view.status_notes, '已修复南街 3 号路灯。');
    assert.equal(view.extended_attributes.fuban_visit, '满意');

    // A revoked key no longer works.
    const keys = (await center.request('GET', '/api/hotline/open311-keys')).json() as Array<{ id: string; name: string }>;
    const key = keys.find((item) => item.name === '省12345平台')!;
    assert.equal((await center.request('POST', `/api/hotline/open311-keys/${key.id}/revoke`)).statusCode, 200);
    assert.equal((await status(id, apiKey)).statusCode, 401);
  });

  test('a request without may_publish cannot have its answer published', async () => {
    const db = t.database.db;
    const center = await actingAs(t.app, db, ['hotline_staff']);
    const apiKey = (await center.request('POST', '/api/hotline/open311-keys', { name: '区APP' })).json().apiKey as string;
    const services = (await t.app.inject({ method: 'GET', url: '/api/public/open311/v2/services.json' })).json() as Array<{ service_code: string; service_name: string }>;
    const consult = services.find((item) => item.service_name === '政策咨询')!;
    const created = await t.app.inject({ method: 'POST', url: '/api/public/open311/v2/requests.json', payload: { api_key: apiKey, service_code: consult.service_code, description: '公积金怎么提取？', ticket_type: '咨询' } });
    assert.equal(created.statusCode, 200, created.body);
    const id = created.json()[0].service_request_id as string;
    const [ticket] = rowsOf<{ id: string }>(await db.execute(sql`select id from cases where serial_no = ${id} and kind = 'ticket'`));
    const version = async () => (await center.request('GET', `/api/cases/${ticket!.id}`)).json().version;
    assert.equal((await center.request('POST', `/api/cases/${ticket!.id}/actions/direct_close`, { version: await version(), answer: '可在公积金中心网站提取。' })).statusCode, 200);
    assert.equal((await center.request('POST', `/api/cases/${ticket!.id}/actions/publish_reply`, { version: await version() })).statusCode, 422);
    const view = (await t.app.inject({ method: 'GET', url: `/api/public/open311/v2/requests/${id}.json?api_key=${apiKey}` })).json()[0];
    assert.equal(view.status, 'closed');
    assert.equal(view.status_notes, null);
  });

  test('a request merged into another ticket is open until that ticket closes, then carries its answer (status_notes once public)', async () => {
    const db = t.database.db;
    const center = await actingAs(t.app, db, ['hotline_staff']);
    const apiKey = (await center.request('POST', '/api/hotline/open311-keys', { name: '归并测试系统' })).json().apiKey as string;
    const services = (await t.app.inject({ method: 'GET', url: '/api/public/open311/v2/services.json' })).json() as Array<{ service_code: string; service_name: string }>;
    const consult = services.find((item) => item.service_name === '政策咨询')!;
    const created = await post({ api_key: apiKey, service_code: consult.service_code, description: '居住证怎么办理？', ticket_type: '咨询', may_publish: 'true' });
    const id = created.json()[0].service_request_id as string;
    const [request] = rowsOf<{ id: string }>(await db.execute(sql`select id from cases where serial_no = ${id} and kind = 'ticket'`));
    const main = (await center.request('POST', '/api/cases', { kind: 'ticket', fields: { channel: '电话', ticketType: '咨询', category: '政务服务/政策咨询', callerName: '吴九', content: '居住证办理' } })).json();
    const step = async (caseId: string, action: string, body: Record<string, unknown> = {}) => {
      const { version } = (await center.request('GET', `/api/cases/${caseId}`)).json();
      const response = await center.request('POST', `/api/cases/${caseId}/actions/${action}`, { version, ...body });
      assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
    };
    await step(request!.id, 'merge', { into: main.id });
    let view = (await status(id, apiKey)).json()[0];
    assert.equal(view.status, 'open', 'merged away, not yet answered');
    assert.equal(view.extended_attributes.fuban_merged_into, main.serialNo);
    await step(main.id, 'direct_close', { answer: '携带身份证到派出所办理。' });
    view = (await status(id, apiKey)).json()[0];
    assert.equal(view.status, 'closed');
    assert.equal(view.status_notes, null, 'not public yet');
    await step(request!.id, 'publish_reply');
    view = (await status(id, apiKey)).json()[0];
    assert.equal(view.status_notes, '携带身份证到派出所办理。');
  });

  test('discovery.json and services/{code}.json', async () => {
    const discovery = await t.app.inject({ method: 'GET', url: '/api/public/open311/discovery.json', headers: { host: 'hotline.example.gov.cn' } });
    assert.equal(discovery.statusCode, 200, discovery.body);
    const document = discovery.json();
    assert.match(document.changeset, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.ok(document.contact.length > 0 && document.key_service.length > 0);
    assert.deepEqual(document.endpoints, [
      { specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://hotline.example.gov.cn/api/public/open311/v2', changeset: document.changeset, type: 'production', formats: ['application/json'] },
    ]);

    const services = (await t.app.inject({ method: 'GET', url: '/api/public/open311/v2/services.json' })).json() as Array<{ service_code: string; service_name: string }>;
    const light = services.find((item) => item.service_name === '路灯照明')!;
    const definition = await t.app.inject({ method: 'GET', url: `/api/public/open311/v2/services/${light.service_code}.json` });
    assert.equal(definition.statusCode, 200, definition.body);
    assert.deepEqual(definition.json(), { service_code: light.service_code, attributes: [] });
    const unknown = await t.app.inject({ method: 'GET', url: '/api/public/open311/v2/services/00000000-0000-4000-8000-000000000000.json' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json()[0].code, 404, 'GeoReport v2 error shape');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/public/open311/v2/services/路灯.json' })).statusCode, 400);
  });

  test('requests.json: a key lists its own requests only, by id, service, dates and status; 90 days by default; bad dates 400', async () => {
    const db = t.database.db;
    const center = await actingAs(t.app, db, ['hotline_staff']);
    const keyOf = async (name: string) => (await center.request('POST', '/api/hotline/open311-keys', { name })).json().apiKey as string;
    const [province, city] = [await keyOf('省平台（列表）'), await keyOf('城市APP（列表）')];
    const services = (await t.app.inject({ method: 'GET', url: '/api/public/open311/v2/services.json' })).json() as Array<{ service_code: string; service_name: string }>;
    const light = services.find((item) => item.service_name === '路灯照明')!;
    const consult = services.find((item) => item.service_name === '政策咨询')!;
    const send = async (apiKey: string, at: string, code: string, description: string, extra: Record<string, string> = {}) => {
      t.clock.set(new Date(at));
      const response = await post({ api_key: apiKey, service_code: code, description, ...extra });
      assert.equal(response.statusCode, 200, response.body);
      return response.json()[0].service_request_id as string;
    };
    const old = await send(province, '2026-02-02T09:00:00+08:00', light.service_code, '二月的路灯');
    const lamp = await send(province, '2026-05-06T09:00:00+08:00', light.service_code, '五月的路灯');
    const question = await send(province, '2026-05-07T09:00:00+08:00', consult.service_code, '五月的咨询', { ticket_type: '咨询' });
    const cityOwn = await send(city, '2026-05-07T10:00:00+08:00', light.service_code, '城市APP的路灯');
    t.clock.set(new Date('2026-05-08T09:00:00+08:00'));
    const [questionCase] = rowsOf<{ id: string }>(await db.execute(sql`select id from cases where serial_no = ${question} and kind = 'ticket'`));
    const version = (await center.request('GET', `/api/cases/${questionCase!.id}`)).json().version;
    assert.equal((await center.request('POST', `/api/cases/${questionCase!.id}/actions/direct_close`, { version, answer: '请到政务服务网办理。' })).statusCode, 200);

    const list = async (apiKey: string | undefined, query: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url: `/api/public/open311/v2/requests.json?${new URLSearchParams({ ...(apiKey ? { api_key: apiKey } : {}), ...query })}` });
    const ids = async (apiKey: string, query: Record<string, string> = {}) => {
      const response = await list(apiKey, query);
      assert.equal(response.statusCode, 200, response.body);
      return (response.json() as Array<{ service_request_id: string }>).map((item) => item.service_request_id);
    };
    const audits = (result: string) => count(sql`select count(*)::int as n from audit_log where action = 'open311.request_list' and result = ${result}`);

    const [succeeded, failed] = [await audits('success'), await audits('failure')];
    assert.deepEqual(await ids(province), [question, lamp], 'the last 90 days, newest first; February is older');
    assert.deepEqual(await ids(city), [cityOwn], 'another key: its own only');
    assert.deepEqual(await ids(city, { service_request_id: `${lamp},${question}` }), [], 'never another key’s, even named');
    assert.deepEqual(await ids(province, { service_request_id: `${old}, ${lamp},${cityOwn}` }), [lamp, old], 'ids override the dates; the other key’s is not among them');
    assert.deepEqual(await ids(province, { service_code: light.service_code }), [lamp]);
    assert.deepEqual(await ids(province, { service_code: `${light.service_code},${consult.service_code}` }), [question, lamp]);
    assert.deepEqual(await ids(province, { service_code: '00000000-0000-4000-8000-000000000000' }), [], 'a code the center does not have matches nothing');
    assert.deepEqual(await ids(province, { status: 'closed' }), [question]);
    assert.deepEqual(await ids(province, { status: 'open' }), [lamp]);
    assert.deepEqual(await ids(province, { status: 'open,closed' }), [question, lamp]);
    assert.deepEqual(await ids(province, { start_date: '2026-01-01T00:00:00+08:00', end_date: '2026-05-06T12:00:00+08:00' }), [lamp, old]);
    assert.deepEqual(await ids(province, { start_date: '2026-05-07' }), [question], 'a date alone is that day (Beijing time), then 90 days');
    assert.deepEqual(await ids(province, { end_date: '2026-05-06' }), [lamp], '90 days up to the end of that day: February is older');
    assert.deepEqual(await ids(province, { start_date: '2026-05-06T01:00:00Z', end_date: '2026-05-06T01:00:00Z' }), [lamp], 'UTC instants: 09:00 in Beijing');
    const view = (await list(province, { service_request_id: question })).json()[0];
    assert.equal(view.status, 'closed');
    assert.equal(view.service_code, consult.service_code);
    assert.equal(view.status_notes, null, 'not public');
    assert.equal(await audits('success'), succeeded + 15, 'every list call audited');

    for (const [query, message] of [
      [{ start_date: '2026-13-01' }, /start_date/],
      [{ start_date: '2026-02-30T09:00:00+08:00' }, /start_date/],
      [{ end_date: '2026-05-06T09:00:00' }, /end_date/], // no time zone
      [{ end_date: 'yesterday' }, /end_date/],
      [{ start_date: '2026-05-07', end_date: '2026-05-06' }, /start_date/],
      [{ status: 'pending' }, /status/],
      [{ service_code: 'lamp' }, /service_code/],
    ] as const) {
      const refused = await list(province, query);
      assert.equal(refused.statusCode, 400, JSON.stringify(query));
      const body = refused.json() as Array<{ code: number; description: string }>;
      assert.equal(body.length, 1);
      assert.equal(body[0]!.code, 400);
      assert.match(body[0]!.description, message);
    }
    assert.equal(await audits('failure'), failed + 7, 'a refused query is audited too');
    const unkeyed = await list(undefined);
    assert.equal(unkeyed.statusCode, 401);
    assert.deepEqual(unkeyed.json(), [{ code: 401, description: 'api_key 无效或已停用' }]);
    assert.equal((await list('wrong')).statusCode, 401);
    assert.equal(await audits('failure'), failed + 9);
  });

  test('requests.json returns at most 1,000, the newest', async () => {
    const db = t.database.db;
    const center = await actingAs(t.app, db, ['hotline_staff']);
    const apiKey = (await center.request('POST', '/api/hotline/open311-keys', { name: '批量系统' })).json().apiKey as string;
    const services = (await t.app.inject({ method: 'GET', url: '/api/public/open311/v2/services.json' })).json() as Array<{ service_code: string; service_name: string }>;
    t.clock.set(new Date('2026-06-01T09:00:00+08:00'));
    const created = await post({ api_key: apiKey, service_code: services.find((item) => item.service_name === '路灯照明')!.service_code, description: '批量中的一件' });
    const id = created.json()[0].service_request_id as string;
    // 1,000 more of this key's requests, older by a second each: copies of that ticket's row (the list reads rows, not trails).
    await db.execute(sql`
      with copies as (
        insert into cases (kind, series, year, seq, serial_no, title, state, fields, owner_unit_id, handler_id, created_by, search_text, created_at, updated_at)
        select c.kind, 'bulk', c.year, g, 'B' || lpad(g::text, 7, '0'), c.title, c.state, c.fields, c.owner_unit_id, c.handler_id, c.created_by, c.search_text,
          c.created_at - g * interval '1 second', c.updated_at
        from cases c, generate_series(1, 1000) g where c.serial_no = ${id} and c.kind = 'ticket'
        returning id, created_at)
      insert into open311_requests (case_id, key_id, created_at)
      select copies.id, r.key_id, copies.created_at from copies, open311_requests r join cases c on c.id = r.case_id where c.serial_no = ${id} and c.kind = 'ticket'`);
    const response = await t.app.inject({ method: 'GET', url: `/api/public/open311/v2/requests.json?api_key=${encodeURIComponent(apiKey)}` });
    assert.equal(response.statusCode, 200, response.body);
    const rows = response.json() as Array<{ service_request_id: string }>;
    assert.equal(rows.length, 1000);
    assert.equal(rows[0]!.service_request_id, id, 'newest first');
    assert.equal(rows[999]!.service_request_id, 'B0000999', 'the oldest copy is left out');
  });
});
