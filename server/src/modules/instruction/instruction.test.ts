import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq, sql } from 'drizzle-orm';
import { caseEvents, cases, notifications, clockReminders } from '../../db/schema/index.js';
import { verifyCaseTrail } from '../../engine/cases/trail.js';
import { identitiesOf } from '../../engine/cases/access.js';
import { runReminderSweep } from '../../engine/reminders/sweep.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00')); // a Monday
});
after(() => t.close());

type Actor = Awaited<ReturnType<typeof actingAs>>;

/** The people of one 批示件: clerk, leader, and the 联络员 of a lead and an assisting unit. */
const cast = async () => {
  const db = t.database.db;
  const leadUnit = await buildUnit(db, { name: `主办局${Math.random().toString(16).slice(2, 6)}` });
  const assistUnit = await buildUnit(db);
  const clerk = await actingAs(t.app, db, ['clerk']);
  const leader = await actingAs(t.app, db, ['leader']);
  const leadLiaison = await actingAs(t.app, db, ['liaison'], { unitId: leadUnit.id });
  const assistLiaison = await actingAs(t.app, db, ['liaison'], { unitId: assistUnit.id });
  return { leadUnit, assistUnit, clerk, leader, leadLiaison, assistLiaison };
};

const register = async (clerk: Actor, leader: Actor) => {
  const response = await clerk.request('POST', '/api/cases', {
    kind: 'instruction',
    fields: {
      leaderId: leader.user.id,
      leaderName: '张明远',
      instructedOn: '2026-11-01',
      instruction: '请发改委牵头，教育局配合，抓紧研究提出意见。',
      sourceTitle: '关于加快推进城东片区改造的请示',
    },
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { id: string; serialNo: string; version: number };
};

const act = async (who: Actor, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const detail = (await who.request('GET', `/api/cases/${caseId}`)).json();
  return who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...body });
};

const detailOf = async (who: Actor, caseId: string) => (await who.request('GET', `/api/cases/${caseId}`)).json();

describe('领导批示件 from registration to 办结', () => {
  test('the whole flow across the clerk, two units and the leader, with the trail intact', async () => {
    const { leadUnit, assistUnit, clerk, leader, leadLiaison, assistLiaison } = await cast();
    const created = await register(clerk, leader);
    assert.match(created.serialNo, /^批〔2026〕\d+号$/);

    const assigned = await act(clerk, created.id, 'assign', {
      units: [
        { unitId: leadUnit.id, role: 'lead' },
        { unitId: assistUnit.id, role: 'assist', dueDays: 5 },
      ],
      comment: '请按领导批示办理',
    });
    assert.equal(assigned.statusCode, 200, assigned.body);
    let detail = await detailOf(clerk, created.id);
    assert.equal(detail.state, 'handling');
    const lead = detail.assignments.find((a: { unitId: string }) => a.unitId === leadUnit.id);
    assert.equal(lead.dueDate, '2026-11-16'); // 10 working days after Monday 2026-11-02
    assert.equal(detail.dueDate, '2026-11-16');
    assert.ok(lead.deadline.lines.some((line: string) => line.includes('10 个工作日')));

    // The 联络员 sees the case in their inbox and signs for it; the clerk cannot sign for a unit.
    const inbox = (await leadLiaison.request('GET', '/api/inbox')).json();
    assert.ok(inbox.some((item: { caseId: string; label: string }) => item.caseId === created.id && item.label === '签收'));
    assert.equal((await act(clerk, created.id, 'sign')).statusCode, 403);
    assert.equal((await act(leadLiaison, created.id, 'sign')).statusCode, 200);
    assert.equal((await act(assistLiaison, created.id, 'sign')).statusCode, 200);
    assert.equal((await act(leadLiaison, created.id, 'reply', { reply: '已牵头研究，形成改造方案初稿，报市政府审定。' })).statusCode, 200);
    assert.equal((await act(assistLiaison, created.id, 'reply', { reply: '已配合提供学校布局意见。' })).statusCode, 200);

    // Not yet: the replies are unchecked.
    const early = await act(clerk, created.id, 'submit');
    assert.equal(early.statusCode, 422);
    assert.match(early.json().message, /未审核/);
    detail = await detailOf(clerk, created.id);
    for (const assignment of detail.assignments) {
      const accepted = await act(clerk, created.id, 'accept_reply', { assignmentId: assignment.id, satisfaction: 'satisfied' });
      assert.equal(accepted.statusCode, 200, accepted.body);
    }
    assert.equal((await act(clerk, created.id, 'submit', { comment: '办理情况报市长审阅' })).statusCode, 200);
    // 报领导审阅's trail entry names the leader: 「呈 … 审阅」 (the account's name, whatever was typed at registration).
    const submitted = (await detailOf(clerk, created.id)).events.find((event: { action: string }) => event.action === 'submit');
    assert.deepEqual(submitted.data.sentTo, { verb: '呈', names: [leader.user.displayName], awaits: '审阅' });

    // Only the instructing leader approves.
    const otherLeader = await actingAs(t.app, t.database.db, ['leader']);
    assert.equal((await act(otherLeader, created.id, 'approve')).statusCode, 403);
    const leaderInbox = (await leader.request('GET', '/api/inbox')).json();
    assert.ok(leaderInbox.some((item: { caseId: string }) => item.caseId === created.id));
    assert.equal((await act(leader, created.id, 'approve', { comment: '同意' })).statusCode, 200);

    detail = await detailOf(clerk, created.id);
    assert.equal(detail.state, 'closed');
    assert.equal(detail.isClosed, true);
    assert.deepEqual(
      detail.events.map((e: { action: string }) => e.action),
      ['create', 'assign', 'sign', 'sign', 'reply', 'reply', 'accept_reply', 'accept_reply', 'submit', 'approve'],
    );
    assert.equal((await leader.request('GET', '/api/inbox')).json().length, 0);
    assert.equal(await verifyCaseTrail(t.database.db, created.id), undefined);
  });

  test('a 联络员 sees only their own unit’s reply; another unit’s 联络员 gets 404', async () => {
    const { leadUnit, assistUnit, clerk, leader, leadLiaison, assistLiaison } = await cast();
    const created = await register(clerk, leader);
    await act(clerk, created.id, 'assign', { units: [{ unitId: leadUnit.id, role: 'lead' }, { unitId: assistUnit.id, role: 'assist' }] });
    await act(leadLiaison, created.id, 'sign');
    await act(leadLiaison, created.id, 'reply', { reply: '主办单位的答复内容' });
    const seenByAssist = await detailOf(assistLiaison, created.id);
    const leadAsSeen = seenByAssist.assignments.find((a: { unitId: string }) => a.unitId === leadUnit.id);
    assert.equal(leadAsSeen.reply, null);
    assert.ok(!seenByAssist.events.some((e: { action: string }) => e.action === 'reply'));

    const stranger = await actingAs(t.app, t.database.db, ['liaison']);
    assert.equal((await stranger.request('GET', `/api/cases/${created.id}`)).statusCode, 404);
    const list = (await stranger.request('GET', '/api/cases?kind=instruction')).json();
    assert.ok(!list.items.some((item: { id: string }) => item.id === created.id));
  });

  test('wrong state, missing input and a stale version are refused and change nothing', async () => {
    const { leadUnit, clerk, leader } = await cast();
    const created = await register(clerk, leader);
    const eventsBefore = (await detailOf(clerk, created.id)).events.length;
    const wrongState = await act(clerk, created.id, 'submit');
    assert.equal(wrongState.statusCode, 422);
    const noUnits = await act(clerk, created.id, 'assign', {});
    assert.equal(noUnits.statusCode, 400);
    const stale = await clerk.request('POST', `/api/cases/${created.id}/actions/assign`, { version: 99, units: [{ unitId: leadUnit.id, role: 'lead' }] });
    assert.equal(stale.statusCode, 409);
    const badKind = await clerk.request('POST', '/api/cases', { kind: 'instruction', fields: { leaderName: '' } });
    assert.equal(badKind.statusCode, 400);
    assert.equal((await detailOf(clerk, created.id)).events.length, eventsBefore);
  });

  test('100 concurrent actions on one version: exactly one succeeds, 99 get 409, one event is written', async () => {
    const { leadUnit, clerk, leader } = await cast();
    const created = await register(clerk, leader);
    await act(clerk, created.id, 'assign', { units: [{ unitId: leadUnit.id, role: 'lead' }] });
    const detail = await detailOf(clerk, created.id);
    const assignmentId = detail.assignments[0].id;
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        clerk.request('POST', `/api/cases/${created.id}/actions/extend`, { version: detail.version, assignmentId, extension: { amount: 1, reason: `第 ${index} 次` } }),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    assert.equal(codes.filter((c) => c === 200).length, 1);
    assert.equal(codes.filter((c) => c === 409).length, 99);
    const [events] = await t.database.db.select({ n: count() }).from(caseEvents).where(eq(caseEvents.caseId, created.id));
    assert.equal(events!.n, 3); // create, assign, one extend
    const [row] = await t.database.db.select().from(cases).where(eq(cases.id, created.id));
    assert.equal(row!.version, detail.version + 1);
  });

  test('the hash chain names the first record someone edited in the database', async () => {
    const { leadUnit, clerk, leader } = await cast();
    const created = await register(clerk, leader);
    await act(clerk, created.id, 'assign', { units: [{ unitId: leadUnit.id, role: 'lead' }], comment: '原始意见' });
    await t.database.db.execute(sql`alter table case_events disable trigger case_events_no_update`);
    try {
      await t.database.db.execute(sql`update case_events set comment = '篡改后的意见' where case_id = ${created.id} and seq = 2`);
    } finally {
      await t.database.db.execute(sql`alter table case_events enable trigger case_events_no_update`);
    }
    const broken = await verifyCaseTrail(t.database.db, created.id);
    assert.equal(broken?.seq, 2);
    assert.match(broken!.reason, /被修改/);
  });
});

describe('the instructing leader', () => {
  test('must be a serving 政府领导; the name is the account’s, not a typed one', async () => {
    const { clerk, leader, leadLiaison } = await cast();
    const fields = (leaderId: string, leaderName = '张明远') => ({
      kind: 'instruction',
      fields: { leaderId, leaderName, instructedOn: '2026-11-01', instruction: '请抓紧研究办理。', sourceTitle: '关于城东片区改造的请示' },
    });
    for (const leaderId of [leadLiaison.user.id, clerk.user.id, '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f']) {
      const refused = await clerk.request('POST', '/api/cases', fields(leaderId));
      assert.equal(refused.statusCode, 400, refused.body);
      assert.match(refused.json().message, /批示领导须是在职的政府领导/);
    }
    const created = await clerk.request('POST', '/api/cases', fields(leader.user.id, '随便写的名字'));
    assert.equal(created.statusCode, 200, created.body);
    const detail = await detailOf(clerk, created.json().id);
    assert.equal(detail.fields.leaderName, leader.user.displayName);
    assert.equal(detail.title, `${leader.user.displayName}批示：关于城东片区改造的请示`);
  });
});

describe('AB角, 批量移交 and 催办', () => {
  test('the director approves for an absent leader under AB角: the trail reads “B 代 A”', async () => {
    const { leadUnit, clerk, leader, leadLiaison } = await cast();
    const director = await actingAs(t.app, t.database.db, ['director']);
    const delegated = await leader.request('POST', '/api/delegations', { toUserId: director.user.id, startDate: '2026-11-01', endDate: '2026-11-30', note: '出差期间' });
    assert.equal(delegated.statusCode, 200, delegated.body);
    const created = await register(clerk, leader);
    await act(clerk, created.id, 'assign', { units: [{ unitId: leadUnit.id, role: 'lead' }] });
    await act(leadLiaison, created.id, 'sign');
    await act(leadLiaison, created.id, 'reply', { reply: '已办理' });
    const replied = await detailOf(clerk, created.id);
    await act(clerk, created.id, 'accept_reply', { assignmentId: replied.assignments[0].id });
    await act(clerk, created.id, 'submit');

    // Without naming whom they act for, the director may not approve; the 待办 shows it as the leader's.
    assert.equal((await act(director, created.id, 'approve')).statusCode, 403);
    const inbox = (await director.request('GET', '/api/inbox')).json();
    assert.equal(inbox.find((item: { caseId: string }) => item.caseId === created.id).onBehalfOfName, leader.user.displayName);
    const detail = await detailOf(director, created.id);
    const approve = detail.actions.find((a: { action: string }) => a.action === 'approve');
    assert.equal(approve.onBehalfOf.userId, leader.user.id);
    const approved = await director.request('POST', `/api/cases/${created.id}/actions/approve`, { version: detail.version, onBehalfOf: leader.user.id, comment: '同意' });
    assert.equal(approved.statusCode, 200, approved.body);
    const event = (await detailOf(clerk, created.id)).events.at(-1);
    assert.equal(event.actorName, director.user.displayName);
    assert.equal(event.onBehalfOfName, leader.user.displayName);

    // The delegation covers its date range only.
    const directorActor = { userId: director.user.id, username: director.user.username, displayName: director.user.displayName, unitId: director.user.unitId, roles: ['director' as const], permissions: new Set<never>(), scope: 'all' as const, ip: null };
    assert.equal((await identitiesOf({ db: t.database.db, actor: directorActor, today: '2026-11-30' })).length, 2);
    assert.equal((await identitiesOf({ db: t.database.db, actor: directorActor, today: '2026-12-01' })).length, 1);
  });

  test('the system administrator moves all open work of one clerk to another, recorded in each trail', async () => {
    const { clerk, leader } = await cast();
    const first = await register(clerk, leader);
    const second = await register(clerk, leader);
    const successor = await actingAs(t.app, t.database.db, ['clerk']);
    const admin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const moved = await admin.request('POST', '/api/work/transfer', { fromUserId: clerk.user.id, toUserId: successor.user.id, reason: '工作调动' });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().moved, 2);
    const inbox = (await successor.request('GET', '/api/inbox')).json().map((item: { caseId: string }) => item.caseId);
    assert.ok(inbox.includes(first.id) && inbox.includes(second.id));
    assert.equal((await clerk.request('GET', '/api/inbox')).json().length, 0);
    assert.equal((await detailOf(successor, first.id)).events.at(-1).action, 'transfer');
    assert.equal(await verifyCaseTrail(t.database.db, first.id), undefined);
  });

  test('the sweep turns an assignment yellow then red and reminds once per rule', async () => {
    const { leadUnit, clerk, leader, leadLiaison } = await cast();
    const created = await register(clerk, leader);
    await act(clerk, created.id, 'assign', { units: [{ unitId: leadUnit.id, role: 'lead', dueDays: 2 }] }); // due Wed 2026-11-04
    const remindersFor = async () =>
      (await t.database.db.select().from(notifications).where(eq(notifications.userId, leadLiaison.user.id))).filter((n) => n.caseId === created.id);

    await runReminderSweep({ db: t.database.db, now: t.clock.now() });
    assert.equal((await detailOf(clerk, created.id)).assignments[0].dueStatus, 'yellow');
    assert.equal((await remindersFor()).length, 1);
    await runReminderSweep({ db: t.database.db, now: t.clock.now() });
    assert.equal((await remindersFor()).length, 1); // idempotent

    const later = new Date('2026-11-05T09:00:00+08:00');
    await runReminderSweep({ db: t.database.db, now: later });
    await runReminderSweep({ db: t.database.db, now: later });
    const detail = await detailOf(clerk, created.id);
    assert.equal(detail.assignments[0].dueStatus, 'red');
    assert.equal(detail.dueStatus, 'red');
    const reminders = await remindersFor();
    assert.equal(reminders.length, 2);
    assert.match(reminders.map((r) => r.title).join(), /逾期催办/);
    const sent = await t.database.db.select().from(clockReminders);
    assert.equal(sent.filter((row) => row.rung === 'overdue').length >= 1, true);
    assert.equal((await leadLiaison.request('GET', '/api/inbox/counts')).json().remind, 2);
    assert.equal(await verifyCaseTrail(t.database.db, created.id), undefined);
  });
});

describe('configuration', () => {
  test('the system administrator sets how early a case turns yellow; a stale version is 409; others may not', async () => {
    const admin = await actingAs(t.app, t.database.db, ['sysadmin']);
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    assert.equal((await clerk.request('GET', '/api/settings')).statusCode, 403);
    const [setting] = (await admin.request('GET', '/api/settings')).json();
    assert.equal(setting.key, 'reminder.dueSoonWorkdays');
    const saved = await admin.request('PUT', '/api/settings/reminder.dueSoonWorkdays', { value: 5, version: setting.version });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal((await admin.request('PUT', '/api/settings/reminder.dueSoonWorkdays', { value: 4, version: setting.version })).statusCode, 409);
    assert.equal((await admin.request('PUT', '/api/settings/reminder.dueSoonWorkdays', { value: 99, version: saved.json().version })).statusCode, 400);
    const restored = await admin.request('PUT', '/api/settings/reminder.dueSoonWorkdays', { value: 3, version: saved.json().version });
    assert.equal(restored.json().value, 3);
  });
});

describe('closing', () => {
  test('办结 ends the assignments still open (协办 not yet done), says so in the trail, and they are not reminded', async () => {
    const { leadUnit, assistUnit, clerk, leader, leadLiaison, assistLiaison } = await cast();
    const created = await register(clerk, leader);
    await act(clerk, created.id, 'assign', { units: [{ unitId: leadUnit.id, role: 'lead' }, { unitId: assistUnit.id, role: 'assist', dueDays: 1 }] });
    await act(leadLiaison, created.id, 'sign');
    await act(leadLiaison, created.id, 'reply', { reply: '已办结' });
    const replied = await detailOf(clerk, created.id);
    await act(clerk, created.id, 'accept_reply', { assignmentId: replied.assignments.find((a: { unitId: string }) => a.unitId === leadUnit.id).id });
    assert.equal((await act(clerk, created.id, 'close', { comment: '主办单位已办结' })).statusCode, 200);
    const detail = await detailOf(clerk, created.id);
    const assist = detail.assignments.find((a: { unitId: string }) => a.unitId === assistUnit.id);
    assert.equal(assist.state, '已结束（事项已办结）');
    assert.deepEqual(detail.events.at(-1).data.endedAssignments, [assistUnit.id]);
    assert.equal((await assistLiaison.request('GET', '/api/inbox')).json().filter((i: { caseId: string }) => i.caseId === created.id).length, 0);
    await runReminderSweep({ db: t.database.db, now: new Date('2026-11-20T09:00:00+08:00') });
    const reminded = await t.database.db.select().from(notifications).where(eq(notifications.caseId, created.id));
    assert.equal(reminded.length, 0);
  });
});
