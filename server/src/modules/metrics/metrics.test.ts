import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { permissionsOf, scopeOf, type Role } from '../../../../common/access.js';
import type { MetricQuery } from '../../../../common/schemas/metrics.js';
import { loadCalendar } from '../../engine/calendar/calendar.service.js';
import { listKinds } from '../../engine/kinds/registry.js';
import { runReminderSweep } from '../../engine/reminders/sweep.js';
import type { Actor } from '../../platform/actor.js';
import { buildUnit, buildUser, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { hasMetric, listMetrics } from './metrics.registry.js';
import { getMetricResult, listMetricDefinitions, listMetricRecords, resolveRange, yearEarlier } from './metrics.service.js';

/**
 * One office's ledger built through the real API, with the test clock placing every event on a
 * known date (Asia/Shanghai):
 *
 * 2025-03 (同比): 收文 P1–P5 (3 通知, 报告, 函); P1 拟办 after 2 working days and filed; 文稿 D0 定稿; 批示件 I0.
 * 2026-03: 收文 C1 函 (03-01 07:30, still 28 February in UTC), A1 A2 A3 通知, B1 请示 from below
 *   (拟办 the same day, answered, filed), B2 请示 (circulated to the leader, read), R1 报告 returned at 初审;
 *   A1 拟办 after 2 working days, given to unit A (主办) and unit B (协办), closed and archived;
 *   A2 拟办 after 5 working days with the leader's 批示, given to unit B;
 *   文稿 D1 (12 000 字 final, 5 000 in the first version) and D2 (8 000) of 秘书科, D3 (25 500) of 综合科,
 *   D1 circulated to unit A and read there; 批示件 I1 (unit A, overdue), I2 (unit B, closed), I3 (not yet given).
 * 2026-04-01 00:10 (still 31 March in UTC): 收文 X2 registered, 文稿 D4 定稿 — both outside March.
 * 2026-09/10: S2 通知 registered 09-24, 拟办 on Saturday 10-10 (a 调休 working day); S1 请示 from below
 *   registered 09-30, 拟办 10-09 — 中秋 and 国庆 in between.
 */
let t: TestContext;
let calendarCheck: { s1: number; s2: number };

type Name = 'clerk' | 'director' | 'leader' | 'writer' | 'liaisonA' | 'liaisonB' | 'infoStaff';
type Person = Awaited<ReturnType<typeof sessionFor>>;
const people = new Map<Name, { person: Person; lastUsed: number }>();
const roleOf: Record<Name, Role[]> = {
  clerk: ['clerk'],
  director: ['director'],
  leader: ['leader'],
  writer: ['clerk'],
  liaisonA: ['liaison'],
  liaisonB: ['liaison'],
  infoStaff: ['info_staff'],
};
const units = { secretariat: '', research: '', a: '', b: '' };
const ids: Record<string, string> = {};

/** A session valid at the test clock: sessions end when the clock jumps, so sign in again after a move. */
const as = async (name: Name): Promise<Person> => {
  const entry = people.get(name)!;
  const now = t.clock.now().getTime();
  if (Math.abs(now - entry.lastUsed) > 5 * 60_000) entry.person = await sessionFor(t.app, entry.person.user);
  entry.lastUsed = now;
  return entry.person;
};

const moveTo = (instant: string) => t.clock.set(new Date(instant));

const register = async (name: Name, key: string, kind: string, fields: Record<string, unknown>) => {
  const response = await (await as(name)).request('POST', '/api/cases', { kind, fields });
  assert.equal(response.statusCode, 200, `${key}: ${response.body}`);
  ids[key] = response.json().id;
};

const detailOf = async (name: Name, key: string) => (await (await as(name)).request('GET', `/api/cases/${ids[key]}`)).json();

const act = async (name: Name, key: string, action: string, body: Record<string, unknown> = {}) => {
  const who = await as(name);
  const detail = await detailOf(name, key);
  const response = await who.request('POST', `/api/cases/${ids[key]}/actions/${action}`, { version: detail.version, ...body });
  assert.equal(response.statusCode, 200, `${key} ${action}: ${response.body}`);
};

const acceptReply = async (key: string, unitId: string) => {
  const detail = await detailOf('clerk', key);
  await act('clerk', key, 'accept_reply', { assignmentId: detail.assignments.find((a: { unitId: string }) => a.unitId === unitId).id });
};

const circulate = async (key: string, recipient: { userId: string } | { unitId: string }) => {
  const response = await (await as('clerk')).request('POST', `/api/cases/${ids[key]}/circulations`, { recipients: [recipient], purpose: '请阅知' });
  assert.equal(response.statusCode, 200, response.body);
};

const readCirculation = async (name: Name, key: string) => {
  const detail = await detailOf(name, key);
  const mine = detail.circulations.find((c: { isMine: boolean; readAt: string | null }) => c.isMine && !c.readAt);
  const response = await (await as(name)).request('POST', `/api/cases/${ids[key]}/circulations/${mine.id}/read`, {});
  assert.equal(response.statusCode, 204, response.body);
};

const incoming = (docType: string, title: string, receivedOn: string, extra: Record<string, unknown> = {}) => ({
  fromOrg: '省人民政府办公厅',
  docType,
  title,
  receivedOn,
  ...extra,
});

const instruction = (receivedOn: string) => ({
  leaderId: people.get('leader')!.person.user.id,
  leaderName: '张明远',
  instructedOn: receivedOn,
  instruction: '请有关部门抓紧研究落实。',
  sourceTitle: `关于城东片区改造的报告（${receivedOn}）`,
});

const writeDraft = async (name: Name, key: string, draftType: string, chars: number[]) => {
  await register(name, key, 'draft', { title: `文稿${key}`, draftType });
  for (const count of chars) await act(name, key, 'add_version', { text: '字'.repeat(count) });
};

const buildLedger = async () => {
  const db = t.database.db;
  moveTo('2025-03-10T09:00:00+08:00'); // Monday
  const secretariat = await buildUnit(db, { name: '秘书科', type: 'section' });
  const research = await buildUnit(db, { name: '综合科', type: 'section' });
  const unitA = await buildUnit(db, { name: '发改委' });
  const unitB = await buildUnit(db, { name: '教育局' });
  Object.assign(units, { secretariat: secretariat.id, research: research.id, a: unitA.id, b: unitB.id });
  const unitOf: Record<Name, string> = {
    clerk: secretariat.id,
    director: secretariat.id,
    leader: secretariat.id,
    writer: research.id,
    liaisonA: unitA.id,
    liaisonB: unitB.id,
    infoStaff: research.id,
  };
  for (const name of Object.keys(roleOf) as Name[]) {
    const user = await buildUser(db, { roles: roleOf[name], unitId: unitOf[name] });
    people.set(name, { person: await sessionFor(t.app, user), lastUsed: t.clock.now().getTime() });
  }

  // 2025-03: last year's figures.
  for (const [key, docType] of [['P1', '通知'], ['P2', '通知'], ['P3', '通知'], ['P4', '报告'], ['P5', '函']] as const) {
    await register('clerk', key, 'incoming', incoming(docType, `去年来文${key}`, '2025-03-10'));
  }
  await act('clerk', 'P1', 'accept');
  await writeDraft('clerk', 'D0', '讲话稿', [3000]);
  await act('clerk', 'D0', 'submit');
  await register('clerk', 'I0', 'instruction', instruction('2025-03-10'));
  moveTo('2025-03-12T10:00:00+08:00');
  await act('clerk', 'P1', 'propose', { comment: '拟请秘书科阅办。' });
  await act('clerk', 'P1', 'file', { comment: '阅件，办结' });
  await act('director', 'D0', 'approve');

  // 2026-03-01 07:30 in Shanghai is 2026-02-28 23:30 UTC: registered in March all the same.
  moveTo('2026-03-01T07:30:00+08:00');
  await register('clerk', 'C1', 'incoming', incoming('函', '关于商请支持产业园建设的函', '2026-03-01'));

  moveTo('2026-03-02T07:00:00+08:00'); // Monday early: still Sunday in UTC, so a UTC date would add a working day
  await register('clerk', 'A1', 'incoming', incoming('通知', '关于做好春季防火工作的通知', '2026-03-02'));
  moveTo('2026-03-02T09:00:00+08:00');
  await register('clerk', 'A2', 'incoming', incoming('通知', '关于开展安全生产大检查的通知', '2026-03-02'));
  await register('clerk', 'I1', 'instruction', instruction('2026-03-02'));
  await act('clerk', 'I1', 'assign', { units: [{ unitId: unitA.id, role: 'lead', dueDays: 2 }] }); // due 03-04
  await writeDraft('clerk', 'D1', '讲话稿', [5000]);
  await writeDraft('writer', 'D3', '调研报告', [25_500]);
  await act('writer', 'D3', 'submit');

  moveTo('2026-03-03T09:00:00+08:00');
  await register('clerk', 'A3', 'incoming', incoming('通知', '关于报送统计数据的通知', '2026-03-03'));
  await register('clerk', 'B1', 'incoming', incoming('请示', '关于解决防汛资金的请示', '2026-03-03', { fromOrg: '西山县人民政府', isRequestFromBelow: true }));
  await act('clerk', 'B1', 'accept');
  await act('clerk', 'B1', 'propose', { comment: '拟由秘书科会同财政局研究答复。' }); // the day of registration: 0 working days
  await register('clerk', 'I2', 'instruction', instruction('2026-03-03'));
  await act('clerk', 'I2', 'assign', { units: [{ unitId: unitB.id, role: 'lead' }] });
  await writeDraft('clerk', 'D2', '讲话稿', [8000]);
  await act('clerk', 'D2', 'submit');

  moveTo('2026-03-04T09:00:00+08:00');
  await act('clerk', 'A1', 'accept');
  await act('clerk', 'A1', 'propose', { comment: '拟请应急局牵头办理。' }); // 2 working days
  await act('clerk', 'A1', 'assign', { units: [{ unitId: unitA.id, role: 'lead' }, { unitId: unitB.id, role: 'assist' }] });
  await register('clerk', 'B2', 'incoming', incoming('请示', '关于调整会议安排的请示', '2026-03-04'));
  await act('clerk', 'B2', 'accept');
  await register('clerk', 'I3', 'instruction', instruction('2026-03-04'));
  await act('liaisonB', 'I2', 'sign');
  await act('liaisonB', 'I2', 'reply', { reply: '已按批示办理完毕。' });
  await acceptReply('I2', unitB.id);
  await act('clerk', 'I2', 'close', { comment: '办结' });
  await act('clerk', 'D1', 'add_version', { text: '字'.repeat(12_000), comment: '二稿' });
  await act('clerk', 'D1', 'submit');

  moveTo('2026-03-05T09:00:00+08:00');
  await act('clerk', 'B1', 'answer_request', { comment: '同意从市级防汛资金中安排补助。' });
  await act('clerk', 'B1', 'file', { comment: '已答复，办结' });
  await register('clerk', 'R1', 'incoming', incoming('报告', '关于某项工作的报告', '2026-03-05'));
  await act('clerk', 'R1', 'return', { reason: '未按规定格式行文，缺少主送机关' });
  await circulate('B2', { userId: people.get('leader')!.person.user.id });
  await act('liaisonA', 'A1', 'sign');
  await act('liaisonA', 'A1', 'reply', { reply: '已部署春季防火工作。' });
  await acceptReply('A1', unitA.id);
  await act('clerk', 'A1', 'close', { comment: '办结' });
  await act('clerk', 'A1', 'archive');
  await act('director', 'D1', 'approve');
  await act('director', 'D2', 'approve');
  await circulate('D1', { unitId: unitA.id });

  moveTo('2026-03-06T09:00:00+08:00');
  await readCirculation('leader', 'B2');
  await readCirculation('liaisonA', 'D1');
  await act('director', 'D3', 'approve');
  await runReminderSweep({ db, now: t.clock.now() }); // I1 was due 03-04: red

  moveTo('2026-03-09T09:00:00+08:00'); // Monday
  await act('clerk', 'A2', 'accept');
  await act('clerk', 'A2', 'propose', { comment: '拟请张市长阅示。', leaders: [people.get('leader')!.person.user.id] }); // 5 working days
  await act('leader', 'A2', 'instruct', { comment: '请教育局抓紧落实。' });

  moveTo('2026-03-10T09:00:00+08:00');
  await act('clerk', 'A2', 'assign', { units: [{ unitId: unitB.id, role: 'lead' }] });
  await writeDraft('writer', 'D4', '汇报材料', [1000]);
  await act('writer', 'D4', 'submit');

  // 2026-04-01 00:10 in Shanghai is 2026-03-31 16:10 UTC: outside March all the same.
  moveTo('2026-04-01T00:10:00+08:00');
  await register('clerk', 'X2', 'incoming', incoming('通知', '关于四月工作安排的通知', '2026-04-01'));
  await act('director', 'D4', 'approve');

  moveTo('2026-09-24T09:00:00+08:00'); // Thursday before 中秋 (09-25 to 09-27)
  await register('clerk', 'S2', 'incoming', incoming('通知', '关于节日值班安排的通知', '2026-09-24'));
  await act('clerk', 'S2', 'accept');
  moveTo('2026-09-30T10:00:00+08:00');
  await register('clerk', 'S1', 'incoming', incoming('请示', '关于秋粮收购资金的请示', '2026-09-30', { fromOrg: '东河县人民政府', isRequestFromBelow: true }));
  await act('clerk', 'S1', 'accept');
  moveTo('2026-10-09T09:00:00+08:00'); // after 国庆 (10-01 to 10-07)
  await act('clerk', 'S1', 'propose', { comment: '拟请农业农村局研究答复。' });
  moveTo('2026-10-10T09:00:00+08:00'); // Saturday, a 调休 working day
  await act('clerk', 'S2', 'propose', { comment: '拟请秘书科阅办。' });

  const calendar = await loadCalendar({ db });
  calendarCheck = { s1: calendar.workdaysBetween('2026-09-30', '2026-10-09'), s2: calendar.workdaysBetween('2026-09-24', '2026-10-10') };
};

before(async () => {
  t = await startTestApp();
  await buildLedger();
});
after(() => t.close());

const actorOf = (name: Name): Actor => {
  const { user } = people.get(name)!.person;
  const roles = roleOf[name];
  return { userId: user.id, username: user.username, displayName: user.displayName, unitId: user.unitId, roles, permissions: new Set(permissionsOf(roles)), scope: scopeOf(roles), ip: null };
};

const MARCH: MetricQuery = { from: '2026-03-01', to: '2026-03-31' };
const LAST_MARCH = { from: '2025-03-01', to: '2025-03-31' };
const NOW = new Date('2026-11-02T09:00:00+08:00');

const metric = (id: string, query: MetricQuery = MARCH, name: Name = 'clerk', now = NOW) =>
  getMetricResult({ db: t.database.db, actor: actorOf(name), id, query, now });
const records = (id: string, query: MetricQuery = MARCH, name: Name = 'clerk') =>
  listMetricRecords({ db: t.database.db, actor: actorOf(name), id, query, now: NOW });
const idsOf = (...keys: string[]) => keys.map((key) => ids[key]!).sort();

describe('the catalogue', () => {
  test('lists every metric with its rule, covers every metric a kind declares, and is closed to administrators', () => {
    const list = listMetricDefinitions({ actor: actorOf('clerk') });
    // The catalogue (METRICS.md, catalogue.test.ts) in its order; here: the declared ones are exactly the registry's.
    const declared = list.filter((m) => m.origin !== 'notConnected');
    assert.deepEqual(declared.map((m) => m.id).sort(), listMetrics().map((m) => m.id).sort());
    for (const id of ['incoming.received', 'outgoing.issuedByType', 'minutes.issued', 'petitions.onTimeRate', 'keyTasks.decomposed', 'proposals.npc', 'proposals.deputiesInvolved', 'hotline.tickets', 'hotline.satisfactionRate', 'info.score']) {
      assert.ok(declared.some((m) => m.id === id), id);
    }
    for (const m of declared) assert.ok(m.label && m.unit && m.description.includes('按单位统计时'), `${m.id} says what a unit filter means`);
    const declaredByKinds = listKinds().flatMap((kind) => [...kind.metrics]);
    assert.ok(declaredByKinds.length > 0);
    for (const id of declaredByKinds) assert.ok(hasMetric(id), `${id} is declared by a kind but not registered`);
    const admin: Actor = { ...actorOf('clerk'), roles: ['sysadmin'], permissions: new Set(permissionsOf(['sysadmin'])) };
    assert.throws(() => listMetricDefinitions({ actor: admin }), { code: 'FORBIDDEN' });
  });
});

describe('收文', () => {
  test('incoming.received: registered in March by Shanghai date, by 文种, with last March and the change', async () => {
    const result = await metric('incoming.received');
    assert.deepEqual(result.range, { from: '2026-03-01', to: '2026-03-31' });
    assert.equal(result.value, 7);
    assert.deepEqual(result.parts, { 通知: 3, 请示: 2, 函: 1, 报告: 1 });
    assert.deepEqual(result.previous, { range: LAST_MARCH, value: 5, hasData: true });
    assert.deepEqual(result.change, { absolute: 2, percent: 40 });
    assert.equal(result.scopeUnit, null);
    assert.equal((await metric('incoming.received', { from: '2026-01-01', to: '2026-12-31' })).value, 10); // + X2, S1, S2
  });

  test('incoming.closedRate: closed or archived among those not returned', async () => {
    const result = await metric('incoming.closedRate');
    assert.equal(result.value, 33.3); // A1 archived, B1 closed, of 6 (R1 returned)
    assert.deepEqual(result.parts, { closed: 2, total: 6 });
    assert.equal(result.previous.value, 20); // P1 of 5
    assert.deepEqual(result.change, { absolute: 13.3, percent: 66.5 });
  });

  test('incoming.daysToProposal: working days from registration to 拟办, holidays and 调休 counted by the calendar', async () => {
    const march = await metric('incoming.daysToProposal');
    assert.equal(march.value, 2.3); // B1 0, A1 2, A2 5
    assert.deepEqual(march.extra, { mean: 2.3, max: 5, count: 3 });
    assert.equal(march.previous.value, 2);
    assert.deepEqual(march.change, { absolute: 0.3, percent: 15 });

    // S1: 09-30 → 10-09 over 国庆: only 10-08 and 10-09 are working days.
    // S2: 09-24 → Saturday 10-10 over 中秋 and 国庆: 09-28, 09-29, 09-30, 10-08, 10-09 and the 调休 10-10.
    assert.deepEqual(calendarCheck, { s1: 2, s2: 6 });
    const october = await metric('incoming.daysToProposal', { from: '2026-10-01', to: '2026-10-31' });
    assert.deepEqual(october.extra, { mean: 4, max: 6, count: 2 });
    assert.equal(october.value, 4);
    assert.equal(october.previous.value, null); // nothing proposed in October 2025: no mean to compare
    assert.deepEqual(october.change, { absolute: null, percent: null });
  });

  test('incoming.requestsFromBelow: answered and unanswered', async () => {
    const march = await metric('incoming.requestsFromBelow');
    assert.equal(march.value, 1);
    assert.deepEqual(march.parts, { answered: 1, unanswered: 0 });
    assert.deepEqual(march.change, { absolute: 1, percent: null }); // none last March
    const year = await metric('incoming.requestsFromBelow', { from: '2026-01-01', to: '2026-12-31' });
    assert.equal(year.value, 2);
    assert.deepEqual(year.parts, { answered: 1, unanswered: 1 });
  });

  test('incoming.returnedNonCompliant: returned at 初审 in the period', async () => {
    const result = await metric('incoming.returnedNonCompliant');
    assert.equal(result.value, 1);
    assert.equal(result.previous.value, 0);
    assert.equal((await metric('incoming.returnedNonCompliant', { ...MARCH, unit: units.a })).value, 0);
  });

  test('per unit: 收文 given to the unit in any role', async () => {
    const a = { ...MARCH, unit: units.a };
    const b = { ...MARCH, unit: units.b };
    const receivedA = await metric('incoming.received', a);
    assert.equal(receivedA.value, 1);
    assert.deepEqual(receivedA.scopeUnit, { id: units.a, name: '发改委' });
    assert.deepEqual(receivedA.previous, { range: LAST_MARCH, value: 0, hasData: true });
    assert.deepEqual((await metric('incoming.received', b)).parts, { 通知: 2 }); // A1 协办, A2 主办
    assert.equal((await metric('incoming.closedRate', a)).value, 100);
    assert.equal((await metric('incoming.closedRate', b)).value, 50);
    assert.deepEqual((await metric('incoming.closedRate', b)).change, { absolute: null, percent: null }); // nothing to rate last March
    assert.deepEqual((await metric('incoming.daysToProposal', a)).extra, { mean: 2, max: 2, count: 1 });
    assert.deepEqual((await metric('incoming.daysToProposal', b)).extra, { mean: 3.5, max: 5, count: 2 });
  });
});

describe('文稿, 传阅, 批示件', () => {
  test('drafts.written: 定稿 in the period, by type, with 字数 and 万字', async () => {
    const result = await metric('drafts.written');
    assert.equal(result.value, 3);
    assert.deepEqual(result.parts, { 讲话稿: 2, 调研报告: 1 });
    assert.deepEqual(result.extra, { chars: 45_500, wanChars: 4.6 }); // the final version of D1 counts, 4.55 rounds up
    assert.equal(result.previous.value, 1);
    assert.deepEqual(result.change, { absolute: 2, percent: 200 });
    assert.deepEqual((await metric('drafts.written', { ...MARCH, unit: units.secretariat })).extra, { chars: 20_000, wanChars: 2 });
    const research = await metric('drafts.written', { ...MARCH, unit: units.research });
    assert.equal(research.value, 1);
    assert.deepEqual(research.extra, { chars: 25_500, wanChars: 2.6 });
    const april = await metric('drafts.written', { from: '2026-04-01', to: '2026-04-30' });
    assert.deepEqual(april.parts, { 汇报材料: 1 }); // D4, 定稿 at 00:10 on 1 April
  });

  test('docs.circulatedOnline: distinct cases circulated, read or signed in the system', async () => {
    const result = await metric('docs.circulatedOnline');
    assert.equal(result.value, 3); // B2 circulated and read, D1 circulated and read, A2 批示
    assert.deepEqual(result.parts, { 收文: 2, 文稿: 1 });
    assert.deepEqual(result.previous, { range: LAST_MARCH, value: 0, hasData: true });
    assert.deepEqual(result.change, { absolute: 3, percent: null });
    assert.equal((await metric('docs.circulatedOnline', { ...MARCH, unit: units.a })).value, 1); // D1, circulated to unit A
    assert.equal((await metric('docs.circulatedOnline', { ...MARCH, unit: units.b })).value, 1); // A2, given to unit B
  });

  test('instructions.tracked: registered in the period; closed, open and overdue', async () => {
    const result = await metric('instructions.tracked');
    assert.equal(result.value, 3);
    assert.deepEqual(result.parts, { closed: 1, open: 2, overdue: 1 });
    assert.equal(result.previous.value, 1);
    assert.deepEqual(result.change, { absolute: 2, percent: 200 });
    assert.deepEqual((await metric('instructions.tracked', { ...MARCH, unit: units.a })).parts, { closed: 0, open: 1, overdue: 1 });
    assert.deepEqual((await metric('instructions.tracked', { ...MARCH, unit: units.b })).parts, { closed: 1, open: 0, overdue: 0 });
  });
});

describe('ranges, units and permissions', () => {
  test('no dates: the current year to date in Shanghai, against the same dates last year', async () => {
    const result = await metric('incoming.received', {}, 'clerk', new Date('2026-03-20T12:00:00+08:00'));
    assert.deepEqual(result.range, { from: '2026-01-01', to: '2026-03-20' });
    assert.equal(result.value, 7);
    assert.deepEqual(result.previous, { range: { from: '2025-01-01', to: '2025-03-20' }, value: 5, hasData: true });
    assert.deepEqual(yearEarlier({ from: '2028-02-01', to: '2028-02-29' }), { from: '2027-02-01', to: '2027-02-28' });
  });

  test('a period that runs past today is counted to today, against the same dates last year (not the whole year)', async () => {
    const wholeYear = await metric('incoming.received', { from: '2026-01-01', to: '2026-12-31' }, 'clerk', new Date('2026-03-20T12:00:00+08:00'));
    assert.deepEqual(wholeYear.range, { from: '2026-01-01', to: '2026-03-20' });
    assert.deepEqual(wholeYear.previous.range, { from: '2025-01-01', to: '2025-03-20' });
    assert.equal(wholeYear.value, 7);
    // A period wholly in the future stays as asked (nothing to count), and a past one is untouched.
    assert.deepEqual(resolveRange({ from: '2026-05-01', to: '2026-05-31' }, '2026-03-20'), { from: '2026-05-01', to: '2026-05-31' });
    assert.deepEqual(resolveRange({ from: '2025-01-01', to: '2025-12-31' }, '2026-03-20'), { from: '2025-01-01', to: '2025-12-31' });
    assert.deepEqual(resolveRange({ to: '2026-12-31' }, '2026-03-20'), { from: '2026-01-01', to: '2026-03-20' });
  });

  test('before Fuban held any record, last year is "no data", not 0', async () => {
    const result = await metric('incoming.received', LAST_MARCH);
    assert.equal(result.value, 5);
    assert.deepEqual(result.previous, { range: { from: '2024-03-01', to: '2024-03-31' }, value: null, hasData: false });
    assert.deepEqual(result.change, { absolute: null, percent: null });
  });

  test('a module not in use reads as no data, never as 0; once in use, a quiet period is a real 0', async () => {
    // No 信访 registered in this office at all: not "0 visits".
    const unused = await metric('petitions.visits');
    assert.deepEqual([unused.value, unused.hasData, unused.parts, unused.change], [null, false, {}, { absolute: null, percent: null }]);
    // 收文 before the first one was registered (March 2025): no data either.
    const before = await metric('incoming.received', { from: '2024-06-01', to: '2024-06-30' });
    assert.deepEqual([before.value, before.hasData], [null, false]);
    // After it, a month with none is a 0 the office can state.
    const quiet = await metric('incoming.received', { from: '2025-06-01', to: '2025-06-30' });
    assert.deepEqual([quiet.value, quiet.hasData], [0, true]);
    assert.equal((await metric('incoming.received')).hasData, true);
  });

  test('a 联络员 gets their own unit and nothing else; bad questions are refused clearly', async () => {
    const own = await metric('instructions.tracked', MARCH, 'liaisonA');
    assert.deepEqual(own.scopeUnit, { id: units.a, name: '发改委' });
    assert.equal(own.value, 1);
    await assert.rejects(metric('instructions.tracked', { ...MARCH, unit: units.b }, 'liaisonA'), { code: 'NOT_FOUND' });
    await assert.rejects(metric('instructions.tracked', { ...MARCH, unit: '00000000-0000-4000-8000-000000000000' }), { code: 'NOT_FOUND' });
    const notConnected = await metric('receptions.held'); // its module does not exist: no value, never 0
    assert.equal(notConnected.origin, 'notConnected');
    assert.equal(notConnected.value, null);
    await assert.rejects(metric('receptions.nothing'), { code: 'NOT_FOUND' });
    await assert.rejects(metric('incoming.received', { from: '2026-04-01', to: '2026-03-01' }), { code: 'VALIDATION' });
  });
});

describe('drill-down', () => {
  test('each metric lists exactly the records behind its number', async () => {
    const expected: Record<string, string[]> = {
      'incoming.received': idsOf('C1', 'A1', 'A2', 'A3', 'B1', 'B2', 'R1'),
      'incoming.closedRate': idsOf('C1', 'A1', 'A2', 'A3', 'B1', 'B2'),
      'incoming.daysToProposal': idsOf('B1', 'A1', 'A2'),
      'incoming.requestsFromBelow': idsOf('B1'),
      'incoming.returnedNonCompliant': idsOf('R1'),
      'drafts.written': idsOf('D1', 'D2', 'D3'),
      'docs.circulatedOnline': idsOf('A2', 'B2', 'D1'),
      'instructions.tracked': idsOf('I1', 'I2', 'I3'),
    };
    for (const [id, caseIds] of Object.entries(expected)) {
      const page = await records(id);
      assert.deepEqual(page.items.map((item) => item.id).sort(), caseIds, id);
      assert.equal(page.total, caseIds.length, id);
      assert.equal(page.hiddenCount, 0, id);
      assert.equal(page.isTruncated, false);
      assert.equal(page.limit, 500);
    }
    const received = await records('incoming.received');
    assert.deepEqual(received.items.map((item) => item.createdAt), [...received.items.map((item) => item.createdAt)].sort().reverse()); // newest first
    const a1 = (await records('incoming.received', { ...MARCH, unit: units.b })).items.find((item) => item.id === ids.A1)!;
    assert.deepEqual(a1.leadUnits, ['发改委']);
    assert.equal(a1.stateLabel, '已归档');
  });

  test('records the user may not open are counted, never listed', async () => {
    const hidden = await records('incoming.received', MARCH, 'infoStaff'); // 信息科 does not see 收文
    assert.equal(hidden.total, 7);
    assert.equal(hidden.hiddenCount, 7);
    assert.deepEqual(hidden.items, []);
    assert.equal((await records('drafts.written', MARCH, 'infoStaff')).items.length, 3); // but writes and sees 文稿
    const liaison = await records('instructions.tracked', MARCH, 'liaisonA');
    assert.deepEqual(liaison.items.map((item) => item.id), [ids.I1]);
    assert.equal(liaison.hiddenCount, 0);
  });
});

test('over HTTP: value, drill-down, and a 联络员 kept to their own unit', async () => {
  const q = 'from=2026-03-01&to=2026-03-31';
  assert.equal((await (await as('clerk')).request('GET', `/api/metrics/incoming.received?${q}`)).json().value, 7);
  assert.equal((await (await as('clerk')).request('GET', `/api/metrics/incoming.received/records?${q}`)).json().total, 7);
  assert.equal((await (await as('liaisonA')).request('GET', `/api/metrics/incoming.received?unit=${units.b}`)).statusCode, 404);
  const list = (await (await as('clerk')).request('GET', '/api/metrics')).json();
  assert.ok(list.some((m: { id: string }) => m.id === 'drafts.written'));
});

test('over HTTP, many at once: the answers each metric gives alone, in the order asked, within the same limits', async () => {
  const q = 'from=2026-03-01&to=2026-03-31';
  const asked = ['instructions.tracked', 'incoming.received', 'receptions.held', 'drafts.written'];
  const clerk = await as('clerk');
  const batch = await clerk.request('GET', `/api/metrics/values?ids=${asked.join(',')}&${q}`);
  assert.equal(batch.statusCode, 200, batch.body);
  const alone = await Promise.all(asked.map(async (id) => (await clerk.request('GET', `/api/metrics/${id}?${q}`)).json()));
  assert.deepEqual(batch.json(), alone);
  assert.deepEqual(
    (batch.json() as Array<{ id: string; value: number | null; origin: string }>).map(({ id, value, origin }) => [id, value, origin]),
    [['instructions.tracked', 3, 'computed'], ['incoming.received', 7, 'computed'], ['receptions.held', null, 'notConnected'], ['drafts.written', alone[3].value, 'computed']],
  );

  // A 联络员: their own unit for each, another unit refused as it is alone.
  const liaison = await as('liaisonA');
  const own = (await liaison.request('GET', `/api/metrics/values?ids=instructions.tracked,incoming.received&${q}`)).json() as Array<{ scopeUnit: { id: string }; value: number }>;
  assert.deepEqual(own.map((result) => result.scopeUnit.id), [units.a, units.a]);
  assert.equal(own[0]!.value, 1);
  assert.equal((await liaison.request('GET', `/api/metrics/values?ids=instructions.tracked&unit=${units.b}`)).statusCode, 404);

  // Bad questions: an id that is no metric (404, the whole batch), a malformed list, too many, dates out of order.
  assert.equal((await clerk.request('GET', `/api/metrics/values?ids=incoming.received,receptions.nothing&${q}`)).statusCode, 404);
  for (const ids of ['', 'incoming.received,,drafts.written', 'incoming.received;drop', Array.from({ length: 101 }, () => 'incoming.received').join(',')]) {
    const refused = await clerk.request('GET', `/api/metrics/values?ids=${encodeURIComponent(ids)}&${q}`);
    assert.equal(refused.statusCode, 400, ids.slice(0, 40));
    assert.equal(refused.json().code, 'VALIDATION');
  }
  assert.equal((await clerk.request('GET', '/api/metrics/values?ids=incoming.received&from=2026-04-01&to=2026-03-01')).statusCode, 400);
  // Administrators have no metrics (三员分立), in a batch as alone.
  const admin = await sessionFor(t.app, await buildUser(t.database.db, { roles: ['sysadmin'] }));
  assert.equal((await admin.request('GET', `/api/metrics/values?ids=incoming.received&${q}`)).statusCode, 403);
});
