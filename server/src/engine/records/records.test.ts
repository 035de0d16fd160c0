import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordEvents, records } from '../../db/schema/index.js';
import { actingAs, actorOf, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { defineRecordType, registerRecordType } from './record-type.js';
import { insertRecord, linkRecord, verifyRecordTrail } from './records.store.js';

/** A type that exists only in this test: a unit's 值班记录, unit-scoped and written through the generic routes. */
const dutyNote = defineRecordType({
  type: 'test_duty_note',
  label: '值班记录',
  fields: z.object({ subject: z.string().min(1, '请填写事由').max(100), calls: z.number().int().min(0) }),
  title: (fields) => fields.subject,
  initialState: 'open',
  listColumns: [{ key: 'subject', label: '事由' }],
  detail: [
    { key: 'subject', label: '事由' },
    { key: 'calls', label: '来电数' },
  ],
  read: 'calendar.read',
  write: 'disclosure.publish',
  isUnitScoped: true,
  writes: 'generic',
});
registerRecordType(dutyNote);

let t: TestContext;
type Session = Awaited<ReturnType<typeof actingAs>>;
let clerk: Session;
let liaisonA: Session;
let liaisonB: Session;
let hotline: Session;
let unitA = '';
let unitB = '';

before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-16T10:00:00+08:00'));
  const root = await buildUnit(t.database.db, { name: '示例市人民政府办公室', type: 'office' });
  unitA = (await buildUnit(t.database.db, { name: '示例市教育局', parentId: root.id })).id;
  unitB = (await buildUnit(t.database.db, { name: '示例市财政局', parentId: root.id })).id;
  clerk = await actingAs(t.app, t.database.db, ['clerk'], { unitId: root.id });
  hotline = await actingAs(t.app, t.database.db, ['hotline_staff'], { unitId: root.id });
  liaisonA = await actingAs(t.app, t.database.db, ['liaison'], { unitId: unitA });
  liaisonB = await actingAs(t.app, t.database.db, ['liaison'], { unitId: unitB });
});
after(() => t.close());

const count = async () => (await t.database.db.select({ id: records.id }).from(records).where(eq(records.type, 'test_duty_note'))).length;

describe('records beside cases', () => {
  test('a bad field is a 400 naming it by its label, and nothing is stored', async () => {
    const before = await count();
    const response = await liaisonA.request('POST', '/api/records/test_duty_note', { fields: { subject: '', calls: 2 } });
    assert.equal(response.statusCode, 400, response.body);
    assert.match(response.json().message, /事由/);
    const wrongType = await liaisonA.request('POST', '/api/records/test_duty_note', { fields: { subject: '夜班', calls: 'x' } });
    assert.equal(wrongType.statusCode, 400);
    assert.match(wrongType.json().message, /来电数/);
    assert.equal(await count(), before);
  });

  test('a unit sees and changes only its own records; another unit\'s is not found', async () => {
    const created = await liaisonA.request('POST', '/api/records/test_duty_note', { fields: { subject: '国庆值班', calls: 3 } });
    assert.equal(created.statusCode, 201, created.body);
    const note = created.json();
    assert.equal(note.unitId, unitA);
    assert.equal(note.events[0].action, 'create');
    assert.equal((await liaisonB.request('GET', `/api/records/test_duty_note/${note.id}`)).statusCode, 404);
    assert.equal((await liaisonB.request('PATCH', `/api/records/test_duty_note/${note.id}`, { fields: { subject: '改', calls: 1 }, version: 1 })).statusCode, 404);
    const listB = (await liaisonB.request('GET', '/api/records/test_duty_note')).json();
    assert.equal(listB.items.some((item: { id: string }) => item.id === note.id), false);
    const listOffice = (await clerk.request('GET', '/api/records/test_duty_note')).json();
    assert.equal(listOffice.items.some((item: { id: string }) => item.id === note.id), true);
    // hotline staff hold the read permission but not the write one.
    assert.equal((await hotline.request('POST', '/api/records/test_duty_note', { fields: { subject: 'x', calls: 0 } })).statusCode, 403);
    assert.equal((await clerk.request('GET', '/api/records/no_such_type')).statusCode, 404);
  });

  test('an update claims the version: the second writer at the same version gets 409, and the trail names the change', async () => {
    const note = (await liaisonA.request('POST', '/api/records/test_duty_note', { fields: { subject: '春节值班', calls: 0 } })).json();
    const first = await liaisonA.request('PATCH', `/api/records/test_duty_note/${note.id}`, { fields: { subject: '春节值班', calls: 7 }, version: note.version });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().fields.calls, 7);
    const second = await clerk.request('PATCH', `/api/records/test_duty_note/${note.id}`, { fields: { subject: '春节值班（改）', calls: 1 }, version: note.version });
    assert.equal(second.statusCode, 409);
    const events = await t.database.db.select().from(recordEvents).where(eq(recordEvents.recordId, note.id));
    assert.deepEqual(events.map((event) => event.action), ['create', 'update']);
    assert.deepEqual(events[1]!.details.changed, ['calls']);
    const [row] = await t.database.db.select().from(records).where(eq(records.id, note.id));
    assert.equal(row!.version, 2);
    await assert.rejects(t.database.db.execute(sql`update record_events set comment = 'x' where record_id = ${note.id}`));
    // The seals hold; someone with database rights who rewrites an event breaks them from that event on.
    assert.equal(await verifyRecordTrail(t.database.db, note.id), undefined);
    await t.database.db.execute(sql`alter table record_events disable trigger record_events_no_update`);
    await t.database.db.execute(sql`update record_events set details = '{"changed":["subject"]}'::jsonb where record_id = ${note.id} and seq = 2`);
    await t.database.db.execute(sql`alter table record_events enable trigger record_events_no_update`);
    assert.equal(await verifyRecordTrail(t.database.db, note.id), 2);
  });

  test('a module may keep what a record was made from in its first trail event, sealed like the rest', async () => {
    const actor = actorOf(liaisonA.user, ['liaison']);
    const row = await t.database.db.transaction((tx) =>
      insertRecord(tx, { recordType: dutyNote, fields: { subject: '国庆值班', calls: 3 }, unitId: unitA, actor, now: t.clock.now(), details: { version: 1, text: '国庆值班安排表' } }),
    );
    const [event] = await t.database.db.select().from(recordEvents).where(eq(recordEvents.recordId, row.id));
    assert.equal(event!.action, 'create');
    assert.deepEqual(event!.details, { version: 1, text: '国庆值班安排表' });
    assert.equal(await verifyRecordTrail(t.database.db, row.id), undefined);
    await t.database.db.execute(sql`alter table record_events disable trigger record_events_no_update`);
    await t.database.db.execute(sql`update record_events set details = '{"version":1,"text":"改过的"}'::jsonb where record_id = ${row.id}`);
    await t.database.db.execute(sql`alter table record_events enable trigger record_events_no_update`);
    assert.equal(await verifyRecordTrail(t.database.db, row.id), 1);
  });

  test('links read both ways: record → record, and a case lists the records linked to it', async () => {
    const a = (await clerk.request('POST', '/api/records/test_duty_note', { fields: { subject: '甲', calls: 0 }, unitId: unitA })).json();
    const b = (await clerk.request('POST', '/api/records/test_duty_note', { fields: { subject: '乙', calls: 0 }, unitId: unitB })).json();
    const leader = await actingAs(t.app, t.database.db, ['leader']);
    const registered = await clerk.request('POST', '/api/cases', {
      kind: 'instruction',
      fields: { leaderId: leader.user.id, leaderName: '张明远', instructedOn: '2026-11-01', instruction: '请抓紧研究。', sourceTitle: '关于值班工作的报告' },
    });
    assert.equal(registered.statusCode, 200, registered.body);
    const caseId = registered.json().id;
    const actor = actorOf(clerk.user, ['clerk']);
    await t.database.db.transaction(async (tx) => {
      await linkRecord(tx, { recordId: a.id, target: { recordId: b.id }, relation: 'related', actor, now: t.clock.now(), label: '乙' });
      await linkRecord(tx, { recordId: a.id, target: { caseId }, relation: 'source', actor, now: t.clock.now(), label: '批示件' });
    });
    const fromA = (await clerk.request('GET', `/api/records/test_duty_note/${a.id}`)).json();
    assert.deepEqual(fromA.links.map((link: { direction: string; title: string }) => [link.direction, link.title.includes('乙') || link.title.includes('值班')]), [['out', true], ['out', true]]);
    const fromB = (await clerk.request('GET', `/api/records/test_duty_note/${b.id}`)).json();
    assert.equal(fromB.links[0].direction, 'in');
    assert.equal(fromB.links[0].recordId, a.id);
    // 联络员 of B sees B, but not the link's other end, which belongs to unit A.
    assert.equal((await liaisonB.request('GET', `/api/records/test_duty_note/${b.id}`)).json().links.length, 0);
    const ofCase = await clerk.request('GET', `/api/cases/${caseId}/records`);
    assert.equal(ofCase.statusCode, 200, ofCase.body);
    assert.deepEqual(ofCase.json().map((row: { id: string; relation: string }) => [row.id, row.relation]), [[a.id, 'source']]);
  });
});
