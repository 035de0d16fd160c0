/**
 * The numbers an agent types into a ticket's 诉求内容 (来电人电话…, 身份证…) are the caller's: the ledger, the case
 * page, the metric's drill-down, the search text and the row hold their masks; a search by the clear digits finds
 * nothing through the text, while the caller's declared phone still finds the ticket by its blind index; 显示 gives
 * the center the text in full (audited) and is refused to the unit's 联络员.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema/index.js';
import { rowsOf } from '../../platform/db.js';
import { actingAs, buildUnit, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

const CONTENT = '来电人电话13812345678，身份证110101199003071234，反映东街 12 号门口路灯连续三晚不亮。';
const MASKED = '来电人电话138****5678，身份证1101**********1234，反映东街 12 号门口路灯连续三晚不亮。';
const CLEAR = ['13812345678', '110101199003071234'];
const holdsClear = (text: string) => CLEAR.some((value) => text.includes(value));

test('诉求内容: masked everywhere a reader looks, found by the caller\'s phone but not by the typed number, shown whole by 显示', async () => {
  const db = t.database.db;
  t.clock.set(new Date('2026-04-08T10:00:00+08:00'));
  let center = await actingAs(t.app, db, ['hotline_staff']);
  center = await sessionFor(t.app, center.user);
  const fields = { channel: '电话', ticketType: '投诉', category: '城市管理/路灯照明', callerName: '王小明', callerPhone: '13912340000', content: CONTENT, urgency: '一般' };
  const created = await center.request('POST', '/api/cases', { kind: 'ticket', fields });
  assert.equal(created.statusCode, 200, created.body);
  const id = created.json().id as string;

  const detail = (await center.request('GET', `/api/cases/${id}`)).json();
  assert.equal(detail.fields.content, MASKED);
  assert.equal(detail.title, `投诉：${MASKED}`.slice(0, 63));
  const content = detail.personal.find((item: { field: string }) => item.field === 'content');
  assert.deepEqual(content, { field: 'content', label: '诉求内容', masked: MASKED, canReveal: true, isText: true });
  const ledger = await center.request('GET', '/api/hotline/tickets');
  assert.ok(ledger.body.includes('138****5678'), 'the ticket is in the ledger, masked');
  const drill = await center.request('GET', '/api/metrics/hotline.tickets/records?from=2026-04-01&to=2026-04-30');
  assert.equal(drill.statusCode, 200, drill.body);
  assert.ok(drill.body.includes(id), 'the drill-down lists it');
  assert.ok(!holdsClear(JSON.stringify(detail) + ledger.body + drill.body), 'nothing in clear');

  const [row] = rowsOf<{ text: string }>(await db.execute(sql`select c::text as text from cases c where id = ${id}`));
  assert.ok(row!.text.includes('138****5678') && !holdsClear(row!.text), 'the row, its title and search text hold masks only');
  const [events] = rowsOf<{ found: number }>(await db.execute(sql`select count(*)::int as found from case_events e where e.case_id = ${id} and (e::text like '%13812345678%' or e::text like '%110101199003071234%')`));
  assert.equal(events?.found, 0);

  // The typed number finds nothing through the text; the caller's declared phone finds the ticket through its blind index.
  for (const number of CLEAR) assert.equal((await center.request('GET', `/api/hotline/tickets?q=${number}`)).json().total, 0, number);
  assert.equal((await center.request('GET', `/api/hotline/tickets?q=${encodeURIComponent('路灯连续三晚')}`)).json().total, 1);
  const byCaller = (await center.request('POST', '/api/cases/person-search', { phone: '139-1234-0000' })).json();
  assert.deepEqual(byCaller.items.map((item: { id: string; matchedField: string }) => [item.id, item.matchedField]), [[id, 'callerPhone']]);
  assert.equal((await center.request('POST', '/api/cases/person-search', { phone: '13812345678' })).json().items.length, 0, 'a number in the text is not indexed');

  // 显示: the center sees it whole, and the audit log says who looked at which text of which ticket.
  const shown = await center.request('POST', `/api/cases/${id}/personal/content/reveal`);
  assert.equal(shown.statusCode, 200, shown.body);
  assert.deepEqual(shown.json(), { field: 'content', value: CONTENT });
  const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, 'personal.reveal'), eq(auditLog.objectId, id)));
  assert.deepEqual(audits.map((audit) => [audit.actorId, audit.details]), [[center.user.id, { field: 'content', label: '诉求内容' }]]);

  // The unit the ticket is sent to reads it masked and may not 显示.
  const bureau = await buildUnit(db, { type: 'department', name: `城市管理局${Math.random().toString(36).slice(2, 6)}` });
  const version = (await center.request('GET', `/api/cases/${id}`)).json().version as number;
  const assigned = await center.request('POST', `/api/cases/${id}/actions/assign`, { version, units: [{ unitId: bureau.id, role: 'lead' }] });
  assert.equal(assigned.statusCode, 200, assigned.body);
  const liaison = await actingAs(t.app, db, ['liaison'], { unitId: bureau.id });
  const seen = (await liaison.request('GET', `/api/cases/${id}`)).json();
  assert.equal(seen.fields.content, MASKED);
  assert.equal(seen.personal.find((item: { field: string }) => item.field === 'content').canReveal, false);
  const refused = await liaison.request('POST', `/api/cases/${id}/personal/content/reveal`);
  assert.equal(refused.statusCode, 403);
  assert.ok(!holdsClear(refused.body));
  assert.equal((await db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, liaison.user.id)))).length, 1);
  assert.equal((await center.request('GET', `/api/cases/${id}`)).json().fields.content, MASKED, 'an action that leaves the text alone keeps it as it was');
});
