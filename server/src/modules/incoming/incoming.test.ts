import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyCaseTrail } from '../../engine/cases/trail.js';
import { runReminderSweep } from '../../engine/reminders/sweep.js';
import { actingAs, buildUnit, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp();
  t.clock.set(new Date('2026-11-02T09:00:00+08:00')); // Monday
});
after(() => t.close());

type Actor = Awaited<ReturnType<typeof actingAs>>;

const document = (overrides: Record<string, unknown> = {}) => ({
  fromOrg: '省人民政府办公厅',
  docNumber: `省政办发〔2026〕${Math.floor(Math.random() * 100000)}号`,
  docType: '通知',
  title: '关于做好冬季安全生产工作的通知',
  urgency: '加急',
  copies: 2,
  pages: 6,
  receivedOn: '2026-11-02',
  ...overrides,
});

const act = async (who: Actor, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const detail = (await who.request('GET', `/api/cases/${caseId}`)).json();
  return who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...body });
};
const detailOf = async (who: Actor, caseId: string) => (await who.request('GET', `/api/cases/${caseId}`)).json();

describe('收文', () => {
  test('加急: 初审 → 拟办 → two leaders 批示 in order → two units → a late reply turns red → 办结 → 归档', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const director = await actingAs(t.app, db, ['director']);
    const mayor = await actingAs(t.app, db, ['leader']);
    const vice = await actingAs(t.app, db, ['leader']);
    const unitA = await buildUnit(db);
    const unitB = await buildUnit(db);
    const liaisonA = await actingAs(t.app, db, ['liaison'], { unitId: unitA.id });
    const liaisonB = await actingAs(t.app, db, ['liaison'], { unitId: unitB.id });

    const created = await clerk.request('POST', '/api/cases', { kind: 'incoming', fields: document() });
    assert.equal(created.statusCode, 200, created.body);
    const { id } = created.json();
    assert.match(created.json().serialNo, /^收〔2026〕\d+号$/);
    assert.equal((await act(clerk, id, 'accept')).statusCode, 200);
    const proposed = await act(director, id, 'propose', { comment: '拟请张市长、李副市长阅示，由应急局牵头办理。', leaders: [mayor.user.id, vice.user.id], leaderMode: 'sequential' });
    assert.equal(proposed.statusCode, 200, proposed.body);
    assert.equal((await detailOf(clerk, id)).state, 'instructing');
    // The 拟办's trail entry names the leaders it went to, in their order: 「呈 甲、乙 依次批示」.
    const proposal = (await detailOf(clerk, id)).events.find((event: { action: string }) => event.action === 'propose');
    assert.deepEqual(proposal.data.sentTo, { verb: '呈', names: [mayor.user.displayName, vice.user.displayName], awaits: '依次批示' });
    // And the page says whose desk it is on: the first leader's, for 批示.
    assert.deepEqual((await detailOf(clerk, id)).holders, [{ type: 'user', name: mayor.user.displayName, awaits: '批示', isMine: false }]);

    // In order: the second leader cannot sign before the first.
    assert.equal((await act(vice, id, 'instruct', { comment: '同意' })).statusCode, 403);
    assert.ok((await mayor.request('GET', '/api/inbox')).json().some((item: { caseId: string; label: string }) => item.caseId === id && item.label === '批示'));
    assert.equal((await act(mayor, id, 'instruct', { comment: '请应急局牵头，抓紧落实。' })).statusCode, 200);
    assert.equal((await act(vice, id, 'instruct', {})).statusCode, 200); // 圈阅
    let detail = await detailOf(clerk, id);
    assert.equal(detail.state, 'to_assign');
    assert.deepEqual(detail.fields.plan.leaders.map((l: { comment: string }) => l.comment), ['请应急局牵头，抓紧落实。', '圈阅']);

    const assigned = await act(clerk, id, 'assign', { units: [{ unitId: unitA.id, role: 'lead' }, { unitId: unitB.id, role: 'assist' }] });
    assert.equal(assigned.statusCode, 200, assigned.body);
    detail = await detailOf(clerk, id);
    assert.equal(detail.assignments[0].dueDate, '2026-11-05'); // 加急: 3 working days
    assert.match(detail.assignments[0].deadline.lines.join('\n'), /依据：《党政机关公文处理工作条例》第二十四条：紧急公文.*加急/);
    await act(liaisonA, id, 'sign');
    await act(liaisonB, id, 'sign');
    await act(liaisonB, id, 'reply', { reply: '已配合落实。' });

    t.clock.set(new Date('2026-11-09T09:00:00+08:00')); // a week later: everyone signs in again
    try {
      await lateStage(id, { clerk: await sessionFor(t.app, clerk.user), liaisonA: await sessionFor(t.app, liaisonA.user), unitAId: unitA.id });
    } finally {
      t.clock.set(new Date('2026-11-02T09:00:00+08:00'));
    }
  });

  const lateStage = async (id: string, { clerk, liaisonA, unitAId }: { clerk: Actor; liaisonA: Actor; unitAId: string }) => {
    const db = t.database.db;
    await runReminderSweep({ db, now: t.clock.now() });
    let detail = await detailOf(clerk, id);
    const lead = detail.assignments.find((a: { unitId: string }) => a.unitId === unitAId);
    // The 催办 reads as Chinese: 「某某局的「主办办理期限」…」, no space before 的.
    const reminders = (await liaisonA.request('GET', '/api/notifications?type=remind')).json() as Array<{ body: string | null }>;
    const overdue = reminders.find((row) => row.body?.includes('已逾期'));
    assert.ok(overdue?.body?.startsWith(`${lead.unitName}的「`), overdue?.body ?? 'no 逾期 reminder');
    assert.equal(lead.dueStatus, 'red');
    assert.equal(detail.dueStatus, 'red');
    const late = await act(liaisonA, id, 'reply', { reply: '已部署冬季安全生产大检查。' });
    assert.equal(late.statusCode, 200);
    detail = await detailOf(clerk, id);
    assert.equal(detail.events.find((e: { action: string; data: { unitId?: string } }) => e.action === 'reply' && e.data.unitId === unitAId).data.isLate, true);

    for (const assignment of detail.assignments) await act(clerk, id, 'accept_reply', { assignmentId: assignment.id });
    assert.equal((await act(clerk, id, 'close', { comment: '办结' })).statusCode, 200);
    assert.equal((await act(clerk, id, 'archive')).statusCode, 200);
    detail = await detailOf(clerk, id);
    assert.equal(detail.state, 'archived');
    assert.equal(await verifyCaseTrail(db, id), undefined);
  };

  test('a classified document is refused with a message saying why, and nothing is written', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const refused = await clerk.request('POST', '/api/cases', { kind: 'incoming', fields: document({ secrecy: '秘密' }) });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().message, /涉密公文不得在本系统登记/);
    const page = (await clerk.request('GET', `/api/cases?kind=incoming&q=${encodeURIComponent('冬季安全生产')}&limit=200`)).json();
    assert.ok(page.items.every((item: { id: string }) => typeof item.id === 'string'));
  });

  test('the same 来文机关 + 来文字号 again: a warning and a link to the earlier record', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const fields = document();
    const first = (await clerk.request('POST', '/api/cases', { kind: 'incoming', fields })).json();
    assert.deepEqual(first.warnings, []);
    const again = (await clerk.request('POST', '/api/cases', { kind: 'incoming', fields })).json();
    assert.equal(again.warnings.length, 1);
    assert.match(again.warnings[0], new RegExp(first.serialNo.replace(/[〔〕]/g, '.')));
    const detail = await detailOf(clerk, again.id);
    assert.deepEqual(detail.links.map((l: { caseId: string }) => l.caseId), [first.id]);
  });

  test('初审 may return a non-compliant document with a reason; it is then closed', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const { id } = (await clerk.request('POST', '/api/cases', { kind: 'incoming', fields: document() })).json();
    assert.equal((await act(clerk, id, 'return', {})).statusCode, 400);
    assert.equal((await act(clerk, id, 'return', { reason: '未按规定格式行文，缺少主送机关' })).statusCode, 200);
    const detail = await detailOf(clerk, id);
    assert.equal(detail.state, 'returned');
    assert.equal(detail.isClosed, true);
    assert.equal(detail.fields.returnReason, '未按规定格式行文，缺少主送机关');
  });

  test('a 请示 from below has its own reply deadline until the reply is recorded; a 阅件 can be filed without units', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const { id } = (await clerk.request('POST', '/api/cases', {
      kind: 'incoming',
      fields: document({ fromOrg: '西山县人民政府', docType: '请示', title: '关于解决青石镇防汛资金的请示', isRequestFromBelow: true, replyDueDays: 5, urgency: '平急' }),
    })).json();
    let detail = await detailOf(clerk, id);
    assert.equal(detail.dueDate, '2026-11-09');
    await act(clerk, id, 'accept');
    await act(clerk, id, 'propose', { comment: '拟由秘书科会同财政局研究答复。' });
    assert.equal((await detailOf(clerk, id)).events.at(-1).data?.sentTo, undefined, 'no leader chosen: sent to no one');
    assert.equal((await act(clerk, id, 'answer_request', {})).statusCode, 400);
    assert.equal((await act(clerk, id, 'answer_request', { comment: '经研究，同意从市级防汛资金中安排补助。' })).statusCode, 200);
    detail = await detailOf(clerk, id);
    assert.equal(detail.dueDate, null);
    assert.equal(detail.fields.requestReply.text, '经研究，同意从市级防汛资金中安排补助。');
    assert.equal((await act(clerk, id, 'answer_request', { comment: '再答一次' })).statusCode, 422);
    assert.equal((await act(clerk, id, 'file', { comment: '已答复，办结' })).statusCode, 200);
  });

  test('parallel 批办: both leaders may sign, in any order', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const a = await actingAs(t.app, t.database.db, ['leader']);
    const b = await actingAs(t.app, t.database.db, ['leader']);
    const { id } = (await clerk.request('POST', '/api/cases', { kind: 'incoming', fields: document() })).json();
    await act(clerk, id, 'accept');
    await act(clerk, id, 'propose', { comment: '拟请两位领导同时阅示。', leaders: [a.user.id, b.user.id], leaderMode: 'parallel' });
    const parallel = (await detailOf(clerk, id)).events.find((event: { action: string }) => event.action === 'propose');
    assert.deepEqual(parallel.data.sentTo, { verb: '呈', names: [a.user.displayName, b.user.displayName], awaits: '同时批示' });
    assert.equal((await act(b, id, 'instruct', { comment: '同意' })).statusCode, 200);
    assert.equal((await detailOf(clerk, id)).state, 'instructing');
    assert.equal((await act(a, id, 'instruct', { comment: '同意' })).statusCode, 200);
    assert.equal((await detailOf(clerk, id)).state, 'to_assign');
    const notLeader = await act(clerk, id, 'propose', { comment: 'x', leaders: [clerk.user.id] });
    assert.equal(notLeader.statusCode, 422); // not in 待拟办 any more
  });

  test('the 收文登记簿 export has the register’s own columns', async () => {
    const clerk = await actingAs(t.app, t.database.db, ['clerk']);
    const exported = await clerk.request('GET', '/api/cases/export.xlsx?kind=incoming');
    assert.equal(exported.statusCode, 200);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.name, '收文登记簿');
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1, 6), ['序号', '编号', '收文日期', '来文机关', '来文字号']);
    assert.ok(sheet.rowCount > 3);
  });

  test('a 收文 the office registered offers its clerk no 签收 at all (it can never apply), and 签收 is refused', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const created = await clerk.request('POST', '/api/cases', { kind: 'incoming', fields: document() });
    assert.equal(created.statusCode, 200, created.body);
    const { id } = created.json();
    const actions = (await detailOf(clerk, id)).actions as Array<{ action: string; blockedReason?: string }>;
    assert.ok(!actions.some((item) => item.action === 'acknowledge'), JSON.stringify(actions));
    assert.ok(actions.some((item) => item.action === 'accept' && !item.blockedReason));
    const refused = await act(clerk, id, 'acknowledge');
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.json().message, /「签收」不能在「待初审」状态下进行/); // only a copy delivered by 核发 starts at 待签收
    assert.equal((await detailOf(clerk, id)).state, 'registered');
  });

  test('a 平急 收文 is timed by the ordinary rule, and its 依据 does not quote the rule for urgent documents', async () => {
    const db = t.database.db;
    const clerk = await actingAs(t.app, db, ['clerk']);
    const leader = await actingAs(t.app, db, ['leader']);
    const unit = await buildUnit(db);
    const { id } = (await clerk.request('POST', '/api/cases', { kind: 'incoming', fields: document({ urgency: '平急' }) })).json();
    await act(clerk, id, 'accept');
    await act(clerk, id, 'propose', { comment: '拟请领导阅示。', leaders: [leader.user.id], leaderMode: 'sequential' });
    assert.equal((await act(leader, id, 'instruct', { comment: '同意' })).statusCode, 200);
    const assigned = await act(clerk, id, 'assign', { units: [{ unitId: unit.id, role: 'lead' }] });
    assert.equal(assigned.statusCode, 200, assigned.body);
    const [assignment] = (await detailOf(clerk, id)).assignments;
    assert.equal(assignment.dueDate, '2026-11-16'); // 平急: 10 working days from Monday 2 November
    const lines = assignment.deadline.lines.join('\n');
    assert.match(lines, /依据：.*平急公文/);
    assert.doesNotMatch(lines, /紧急公文/);
  });
});
