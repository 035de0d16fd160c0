/**
 * One decision carried unbroken: a meeting is held, its 纪要 lists two 议定事项 with units and dates, the 纪要
 * goes through 核稿 → 签发 → 登记 → 印制 → 核发 against its clock from the meeting, and 核发 opens two 督办
 * items assigned to the units, linked to the 纪要 and the meeting. A past deadline stops the 核发 whole.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { cases } from '../../db/schema/index.js';
import { actingAs, buildUnit, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
type Who = Awaited<ReturnType<typeof actingAs>>;
let clerk: Who;
let director: Who;
let mayor: Who;
let inspector: Who;
let liaisonA: Who;
let unitA = '';
let unitB = '';
let meetingId = '';
const code = '测政纪要';

const detailOf = async (who: Who, id: string) => (await who.request('GET', `/api/cases/${id}`)).json();
const act = async (who: Who, id: string, action: string, body: Record<string, unknown> = {}) => {
  const response = await who.request('POST', `/api/cases/${id}/actions/${action}`, { version: (await detailOf(who, id)).version, ...body });
  return response;
};
const ok = async (response: Promise<{ statusCode: number; body: string }>) => {
  const settled = await response;
  assert.equal(settled.statusCode, 200, settled.body);
};

const minutes = (decisions: unknown[]) => ({
  issuerCode: code,
  docType: '纪要',
  direction: '下行文',
  title: '市政府第 30 次常务会议纪要',
  body: [{ level: 0, text: '11月16日，市长主持召开市政府第 30 次常务会议，研究冬季供暖保障等事项。' }],
  signerId: mayor.user.id,
  meetingId,
  meetingOn: '2026-11-16',
  decisions,
});

/** 纪要 from draft to the state before 核发. */
const walkToDistributing = async (fields: Record<string, unknown>) => {
  const created = await clerk.request('POST', '/api/cases', { kind: 'outgoing', fields });
  assert.equal(created.statusCode, 200, created.body);
  const id = created.json().id as string;
  await ok(act(clerk, id, 'submit'));
  await ok(act(director, id, 'approve'));
  await ok(act(mayor, id, 'sign_off', { comment: '同意印发。' }));
  await ok(act(clerk, id, 'check'));
  await ok(act(clerk, id, 'register'));
  await ok(act(clerk, id, 'print'));
  return id;
};

/** The clock moved by a day ends sessions: everyone signs in again at the new time. */
const moveTo = async (iso: string) => {
  t.clock.set(new Date(iso));
  const again = (who: Who) => sessionFor(t.app, who.user);
  clerk = await again(clerk);
  director = await again(director);
  mayor = await again(mayor);
  inspector = await again(inspector);
  liaisonA = await again(liaisonA);
};

before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-16T08:30:00+08:00')); // Monday
  const db = t.database.db;
  const root = await buildUnit(db, { name: '测试市人民政府办公室', type: 'office' });
  unitA = (await buildUnit(db, { name: '测试市住房和城乡建设局', parentId: root.id })).id;
  unitB = (await buildUnit(db, { name: '测试市财政局', parentId: root.id })).id;
  clerk = await actingAs(t.app, db, ['clerk'], { unitId: root.id });
  director = await actingAs(t.app, db, ['director'], { unitId: root.id });
  mayor = await actingAs(t.app, db, ['leader'], { unitId: root.id });
  inspector = await actingAs(t.app, db, ['inspector'], { unitId: root.id });
  liaisonA = await actingAs(t.app, db, ['liaison'], { unitId: unitA });
  const sysadmin = await actingAs(t.app, db, ['sysadmin'], { unitId: root.id });
  const issuer = await sysadmin.request('POST', '/api/issuer-codes', {
    code, label: '市政府常务会议纪要', issuerName: '测试市人民政府常务会议纪要', organName: '测试市人民政府', printerName: '测试市人民政府办公室', format: 'minutes', principalId: mayor.user.id,
  });
  assert.equal(issuer.statusCode, 200, issuer.body);
  const chain = await sysadmin.request('POST', '/api/approval-chains', {
    name: '常务会议纪要', issuerCode: code, steps: [{ label: '核稿', type: 'review', roles: ['director'] }, { label: '签发', type: 'sign', roles: ['leader'] }],
  });
  assert.equal(chain.statusCode, 200, chain.body);
  const room = await clerk.request('POST', '/api/records/meeting_room', { fields: { name: '第一会议室', capacity: 40 } });
  assert.equal(room.statusCode, 201, room.body);
  const meeting = await clerk.request('POST', '/api/meetings', {
    meetingType: '常务会议', subject: '市政府第 30 次常务会议', roomId: room.json().id,
    startsAt: '2026-11-16T09:00:00+08:00', endsAt: '2026-11-16T11:00:00+08:00', leaderIds: [mayor.user.id], attendingUnitIds: [unitA, unitB], submissionDeadline: '2026-11-16T08:45:00+08:00',
  });
  assert.ok(meeting.statusCode < 300, meeting.body);
  meetingId = meeting.json().meeting.id;
});
after(() => t.close());

describe('纪要 → 议定事项 → 督办', () => {
  test('核发 opens one assigned 督办 item per 议定事项, linked to the 纪要 and the meeting; the 纪要 clock runs from the meeting', async () => {
    await moveTo('2026-11-17T09:00:00+08:00');
    const id = await walkToDistributing(minutes([
      { text: '市住建局牵头制定今冬供暖保障方案，市财政局配合落实资金', leadUnitId: unitA, helperUnitIds: [unitB], deadline: '2026-12-15' },
      { text: '市财政局会同市住建局研究供暖补贴政策', leadUnitId: unitB, helperUnitIds: [unitA], deadline: '2027-01-31' },
    ]));
    const running = (await detailOf(clerk, id)).clocks.find((clock: { clockId: string }) => clock.clockId === 'outgoing.minutes_issue');
    assert.ok(running, 'a 纪要 with its meeting day has the issue clock');
    assert.equal(running.due.slice(0, 10), '2026-11-19'); // 3 working days after Monday's meeting
    assert.equal(running.state, 'running');

    await moveTo('2026-11-18T10:00:00+08:00');
    await ok(act(clerk, id, 'distribute'));
    const issued = await detailOf(clerk, id);
    assert.equal(issued.state, 'issued');
    assert.equal(issued.fields.decisionItems.length, 2);
    const stopped = issued.clocks.find((clock: { clockId: string }) => clock.clockId === 'outgoing.minutes_issue');
    assert.deepEqual([stopped.state, stopped.isLate], ['stopped', false]);

    const items = (await inspector.request('GET', '/api/supervision/items')).json() as Array<{ id: string; source: string; leadUnitName: string; deadline: string; state: string }>;
    const opened = items.filter((item) => issued.fields.decisionItems.some((made: { caseId: string }) => made.caseId === item.id));
    assert.deepEqual(opened.map((item) => [item.source, item.deadline, item.state]).sort(), [['会议议定事项', '2026-12-15', 'handling'], ['会议议定事项', '2027-01-31', 'handling']]);

    const first = await detailOf(inspector, issued.fields.decisionItems[0].caseId);
    assert.deepEqual(first.assignments.map((a: { unitId: string; role: string }) => [a.unitId, a.role]).sort(), [[unitA, 'lead'], [unitB, 'assist']].sort());
    assert.ok(first.links.some((link: { caseId: string; type: string }) => link.caseId === id && link.type === 'derived_from'));
    assert.match(first.fields.measures, /《市政府第 30 次常务会议纪要》（测政纪要〔2026〕1号）议定事项 1/);
    const records = (await inspector.request('GET', `/api/cases/${first.id}/records`)).json();
    assert.ok(records.some((record: { id: string; relation: string }) => record.id === meetingId && record.relation === 'decision'));
    const meeting = (await clerk.request('GET', `/api/records/meeting/${meetingId}`)).json();
    assert.ok(meeting.links.some((link: { caseId: string | null; relation: string }) => link.caseId === id && link.relation === 'minutes'));
    // minutes.issued by the meeting's type; minutes.daysToIssue from the meeting day (Mon) to 核发 (Wed): 2 working days.
    const metric = async (id: string) => (await director.request('GET', `/api/metrics/${id}?from=2026-11-01&to=2026-11-30`)).json();
    const issuedMetric = await metric('minutes.issued');
    assert.deepEqual([issuedMetric.value, issuedMetric.parts], [1, { 常务会议: 1 }]);
    const days = await metric('minutes.daysToIssue');
    assert.deepEqual([days.value, days.extra.max, days.extra.count, days.extra.late], [2, 2, 1, 0]);
    // The lead unit sees its item in 待办.
    assert.ok((await liaisonA.request('GET', '/api/inbox')).json().some((item: { caseId: string }) => item.caseId === first.id));
  });

  test('a 议定事项 whose deadline has passed stops the 核发, and nothing is opened', async () => {
    await moveTo('2026-11-18T10:00:00+08:00');
    const id = await walkToDistributing(minutes([{ text: '各单位报送供暖隐患排查情况', leadUnitId: unitA, helperUnitIds: [], deadline: '2026-11-17' }]));
    const before = (await t.database.db.select({ id: cases.id }).from(cases).where(eq(cases.kind, 'supervision'))).length;
    const refused = await act(clerk, id, 'distribute');
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(refused.json().message, /议定事项 1的完成时限 2026-11-17 已过/);
    assert.equal((await detailOf(clerk, id)).state, 'distributing');
    assert.equal((await t.database.db.select({ id: cases.id }).from(cases).where(and(eq(cases.kind, 'supervision')))).length, before);
  });
});
