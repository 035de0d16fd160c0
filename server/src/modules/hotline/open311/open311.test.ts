/**
 * Open311 GeoReport v2 on a real database: the services are the 二级 categories; the center issues a key
 * (hotline.manage only, shown once, stored hashed); a request posted as a form with the key becomes a
 * 12345 工单 of channel 网上 with the requester sealed; a wrong or revoked key gets 401 and an audit row
 * and writes no ticket; the status is open/closed with the unit handling it, status_notes only once the
 * answer is public; another system's key cannot read it.
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
    const created = await post({ api_key: apiKey, service_code: light.service_code, description: '南街 3 号路灯不亮已经两晚', address_string: '南街 3 号', first_name: '建国', last_name: '张', phone: '13955556666', may_publish: 'true' });
    assert.equal(created.statusCode, 200, created.body);
    const id = (created.json() as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const [ticket] = rowsOf<{ id: string; fields: Record<string, unknown> }>(await db.execute(sql`select id, fields from cases where serial_no = ${id} and kind = 'ticket'`));
    assert.equal(ticket!.fields.channel, '网上');
    assert.equal(ticket!.fields.category, '城市管理/路灯照明');
    assert.equal(ticket!.fields.callerPhone, '139****6666');
    assert.equal(await count(sql`select count(*)::int as n from audit_log where action = 'open311.request_create' and object_id = ${ticket!.id}`), 1);

    let read = await status(id, apiKey);
    assert.equal(read.statusCode, 200, read.body);
    let view = read.json()[0];
    assert.equal(view.status, 'open');
    assert.equal(view.agency_responsible, '12345热线中心');
    assert.equal(view.status_notes, null);
    assert.equal(view.service_code, light.service_code);
    assert.doesNotMatch(read.body, /张建国|13955556666|139\*/, 'the requester is not in the status');
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
});
