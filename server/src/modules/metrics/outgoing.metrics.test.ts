import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { permissionsOf, scopeOf, type Role } from '../../../../common/access.js';
import type { MetricQuery } from '../../../../common/schemas/metrics.js';
import { loadCalendar } from '../../engine/calendar/calendar.service.js';
import type { Actor } from '../../platform/actor.js';
import { buildUnit, buildUser, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { getMetricResult, listMetricDefinitions, listMetricRecords } from './metrics.service.js';

/**
 * 发文 driven through the real API, the test clock placing every step on a known date (Asia/Shanghai).
 * One chain for every 代字: 核稿 (director) → 合法性审查 (legal_staff, 规范性文件 only) → 会签 → 签发 (leader).
 *
 * 2025-04 (同比): L1 测政发 通知 (10 份, 签发 after 1 working day), L2 测政办发 函 (6 份, 2 days),
 *   L3 测政发 通知 (4 份, 1 day): all printed and issued in April.
 * 2026-03: O2 测政办发 函 (8 份) drafted 03-09, 会签 by unit A, signed 03-11, changed and signed again
 *   03-13 (4 working days from drafting; 2 by the first 签发), printed 03-31.
 * 2026-04-01 00:10 (still 31 March in UTC): O2 issued — in April.
 * 2026-04: O1 测政发 通知 (30 份) drafted 04-02, signed 04-08 over 清明 (04-04 to 04-06): 3 working days;
 *   O3 测政办发 意见 (2 份, 不编文号) drafted by 综合科 04-13, signed 04-14; O4 测政办发 通知, a 规范性文件
 *   (50 份) drafted 04-20, 合法性审查 04-21 with 2 opinion lines and a 同意, signed 04-22; W1 signed 04-17,
 *   returned and withdrawn; O5 测政发 通知 (100 份) drafted 04-27, signed 04-28, printed 04-30 23:50.
 * 2026-05-01 00:10 (still 30 April in UTC): O5 issued — in May.
 */
let t: TestContext;

type Name = 'clerk' | 'writer' | 'director' | 'mayor' | 'legal' | 'liaisonA';
type Person = Awaited<ReturnType<typeof sessionFor>>;
const people = new Map<Name, { person: Person; lastUsed: number }>();
const roleOf: Record<Name, Role[]> = { clerk: ['clerk'], writer: ['clerk'], director: ['director'], mayor: ['leader'], legal: ['legal_staff'], liaisonA: ['liaison'] };
const units = { secretariat: '', research: '', a: '' };
const ids: Record<string, string> = {};
const fieldsOf: Record<string, Record<string, unknown>> = {};
let weekdaysOverQingming = 0;

/** A session valid at the test clock: sessions end when the clock jumps, so sign in again after a move. */
const as = async (name: Name): Promise<Person> => {
  const entry = people.get(name)!;
  const now = t.clock.now().getTime();
  if (Math.abs(now - entry.lastUsed) > 5 * 60_000) entry.person = await sessionFor(t.app, entry.person.user);
  entry.lastUsed = now;
  return entry.person;
};
const userId = (name: Name) => people.get(name)!.person.user.id;
const moveTo = (instant: string) => t.clock.set(new Date(instant));

const detailOf = async (name: Name, key: string) => (await (await as(name)).request('GET', `/api/cases/${ids[key]}`)).json();

const act = async (name: Name, key: string, action: string, body: Record<string, unknown> = {}) => {
  const detail = await detailOf(name, key);
  const response = await (await as(name)).request('POST', `/api/cases/${ids[key]}/actions/${action}`, { version: detail.version, ...body });
  assert.equal(response.statusCode, 200, `${key} ${action}: ${response.body}`);
};

const document = (issuerCode: string, docType: string, title: string, copies: number, extra: Record<string, unknown> = {}) => ({
  issuerCode,
  docType,
  direction: docType === '函' ? '平行文' : '下行文',
  title,
  mainTo: [{ name: docType === '函' ? '省发展和改革委员会' : '各县（区）人民政府' }],
  copyTo: [],
  body: [{ level: 0, text: '现将有关事项通知如下，请认真贯彻执行。' }],
  disclosure: '主动公开',
  copies,
  signerId: userId('mayor'),
  ...extra,
});

/** 起草, 送审 and 核稿 at the clock's time. */
const draft = async (name: Name, key: string, fields: Record<string, unknown>) => {
  const response = await (await as(name)).request('POST', '/api/cases', { kind: 'outgoing', fields });
  assert.equal(response.statusCode, 200, `${key}: ${response.body}`);
  ids[key] = response.json().id;
  fieldsOf[key] = fields;
  await act(name, key, 'submit');
  await act('director', key, 'approve');
};

/** 复核 and 登记 at the clock's time, 印制 and 核发 at theirs (the clock's when not given). */
const complete = async (key: string, { printAt, issueAt }: { printAt?: string; issueAt?: string } = {}) => {
  await act('clerk', key, 'check');
  await act('clerk', key, 'register');
  if (printAt) moveTo(printAt);
  await act('clerk', key, 'print');
  if (issueAt) moveTo(issueAt);
  await act('clerk', key, 'distribute');
};

const setUpOffice = async () => {
  const db = t.database.db;
  const secretariat = await buildUnit(db, { name: '秘书科', type: 'section' });
  const research = await buildUnit(db, { name: '综合科', type: 'section' });
  const unitA = await buildUnit(db, { name: '发改委' });
  Object.assign(units, { secretariat: secretariat.id, research: research.id, a: unitA.id });
  const unitOf: Record<Name, string> = { clerk: secretariat.id, writer: research.id, director: secretariat.id, mayor: secretariat.id, legal: research.id, liaisonA: unitA.id };
  for (const name of Object.keys(roleOf) as Name[]) {
    const user = await buildUser(db, { roles: roleOf[name], unitId: unitOf[name] });
    people.set(name, { person: await sessionFor(t.app, user), lastUsed: t.clock.now().getTime() });
  }
  const sysadmin = await sessionFor(t.app, await buildUser(db, { roles: ['sysadmin'] }));
  for (const [code, label] of [['测政发', '测试市政府文件'], ['测政办发', '测试市政府办公室文件']] as const) {
    const organName = label.replace('文件', '').replace('测试市政府', '测试市人民政府');
    const issuer = await sysadmin.request('POST', '/api/issuer-codes', {
      code, label, issuerName: `${organName}文件`, organName, printerName: '测试市人民政府办公室', format: 'file', principalId: userId('mayor'),
    });
    assert.equal(issuer.statusCode, 200, issuer.body);
  }
  const chain = await sysadmin.request('POST', '/api/approval-chains', {
    name: '发文通用流程',
    issuerCode: null,
    steps: [
      { label: '核稿', type: 'review', roles: ['director'] },
      { label: '合法性审查', type: 'review', roles: ['legal_staff'], onlyNormative: true },
      { label: '会签', type: 'countersign', roles: [] },
      { label: '签发', type: 'sign', roles: ['leader'] },
    ],
  });
  assert.equal(chain.statusCode, 200, chain.body);
};

const buildLedger = async () => {
  moveTo('2025-04-01T09:00:00+08:00');
  await setUpOffice();

  // 2025-04: last year's figures.
  moveTo('2025-04-07T09:00:00+08:00'); // Monday
  await draft('clerk', 'L1', document('测政发', '通知', '关于做好2025年春耕生产工作的通知', 10));
  moveTo('2025-04-08T10:00:00+08:00');
  await act('mayor', 'L1', 'sign_off');
  await complete('L1', { issueAt: '2025-04-10T09:00:00+08:00' });
  moveTo('2025-04-14T09:00:00+08:00');
  await draft('clerk', 'L2', document('测政办发', '函', '关于商请支持产业园区建设的函', 6));
  moveTo('2025-04-16T10:00:00+08:00');
  await act('mayor', 'L2', 'sign_off');
  await complete('L2');
  moveTo('2025-04-21T09:00:00+08:00');
  await draft('clerk', 'L3', document('测政发', '通知', '关于开展安全生产大检查的通知', 4));
  moveTo('2025-04-22T10:00:00+08:00');
  await act('mayor', 'L3', 'sign_off');
  await complete('L3');

  // 2026-03: O2, 会签 by unit A, signed twice, printed in March.
  moveTo('2026-03-09T09:00:00+08:00'); // Monday
  await draft('clerk', 'O2', document('测政办发', '函', '关于商请协调重点项目用地指标的函', 8, { countersignUnitIds: [units.a] }));
  await act('clerk', 'O2', 'send_countersign', { units: [{ unitId: units.a, role: 'consult' }] });
  moveTo('2026-03-10T09:00:00+08:00');
  const assignment = (await detailOf('clerk', 'O2')).assignments.find((a: { unitId: string }) => a.unitId === units.a);
  await act('liaisonA', 'O2', 'countersign', { assignmentId: assignment.id, reply: '同意' });
  await act('clerk', 'O2', 'finish_countersign');
  moveTo('2026-03-11T10:00:00+08:00');
  await act('mayor', 'O2', 'sign_off');
  moveTo('2026-03-12T09:00:00+08:00');
  // Substantive: back to the signer. The 成文日期 the first 签发 filled in (03-11) stays and would block a later
  // 签发 (成文日期 before 签发日期), so the drafter sets it to the day planned for the new 签发.
  await act('clerk', 'O2', 'edit', { document: { ...fieldsOf.O2, title: '关于商请协调重点项目建设用地指标的函', writtenOn: '2026-03-13' } });
  assert.equal((await detailOf('clerk', 'O2')).state, 'signing');
  moveTo('2026-03-13T10:00:00+08:00');
  await act('mayor', 'O2', 'sign_off');
  await complete('O2', { printAt: '2026-03-31T10:00:00+08:00', issueAt: '2026-04-01T00:10:00+08:00' }); // 2026-03-31 16:10 UTC

  // 2026-04.
  moveTo('2026-04-02T09:00:00+08:00'); // Thursday before 清明
  await draft('clerk', 'O1', document('测政发', '通知', '关于做好2026年春耕生产工作的通知', 30));
  moveTo('2026-04-08T10:00:00+08:00'); // Wednesday after 清明
  await act('mayor', 'O1', 'sign_off');
  await complete('O1', { issueAt: '2026-04-09T09:00:00+08:00' });

  moveTo('2026-04-13T09:00:00+08:00'); // Monday
  await draft('writer', 'O3', document('测政办发', '意见', '关于加强政务值班工作的意见', 2, { numbered: false }));
  moveTo('2026-04-14T10:00:00+08:00');
  await act('mayor', 'O3', 'sign_off');
  await complete('O3', { issueAt: '2026-04-15T09:00:00+08:00' });
  assert.equal((await detailOf('clerk', 'O3')).fields.docNumber, null);

  moveTo('2026-04-16T09:00:00+08:00');
  await draft('clerk', 'W1', document('测政发', '通知', '关于调整会议安排的通知', 3));
  moveTo('2026-04-17T10:00:00+08:00');
  await act('mayor', 'W1', 'sign_off');
  await act('clerk', 'W1', 'return', { reason: '会议已取消' });
  await act('clerk', 'W1', 'withdraw', { reason: '会议已取消，不再发文' });

  moveTo('2026-04-20T09:00:00+08:00'); // Monday
  await draft('clerk', 'O4', document('测政办发', '通知', '关于印发测试市行政执法公示办法的通知', 50, { normative: true }));
  moveTo('2026-04-21T10:00:00+08:00');
  await act('legal', 'O4', 'approve', { comment: '建议第三条明确适用范围。\n同意\n建议删除第五条中的罚款规定。' });
  moveTo('2026-04-22T10:00:00+08:00');
  await act('mayor', 'O4', 'sign_off');
  await complete('O4', { issueAt: '2026-04-24T09:00:00+08:00' });

  moveTo('2026-04-27T09:00:00+08:00'); // Monday
  await draft('clerk', 'O5', document('测政发', '通知', '关于做好2026年劳动节期间有关工作的通知', 100));
  moveTo('2026-04-28T10:00:00+08:00');
  await act('mayor', 'O5', 'sign_off');
  await complete('O5', { printAt: '2026-04-30T23:50:00+08:00', issueAt: '2026-05-01T00:10:00+08:00' }); // 2026-04-30 16:10 UTC

  const calendar = await loadCalendar({ db: t.database.db });
  weekdaysOverQingming = calendar.workdaysBetween('2026-04-02', '2026-04-08');
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

const APRIL: MetricQuery = { from: '2026-04-01', to: '2026-04-30' };
const MARCH: MetricQuery = { from: '2026-03-01', to: '2026-03-31' };
const LAST_APRIL = { from: '2025-04-01', to: '2025-04-30' };
const NOW = new Date('2026-11-02T09:00:00+08:00');

const metric = (id: string, query: MetricQuery = APRIL, name: Name = 'clerk') => getMetricResult({ db: t.database.db, actor: actorOf(name), id, query, now: NOW });
const records = (id: string, query: MetricQuery = APRIL, name: Name = 'clerk') => listMetricRecords({ db: t.database.db, actor: actorOf(name), id, query, now: NOW });
const idsOf = (...keys: string[]) => keys.map((key) => ids[key]!).sort();

describe('发文 metrics', () => {
  test('the catalogue lists the 发文 metrics after 收文, each saying what a unit filter means', () => {
    const list = listMetricDefinitions({ actor: actorOf('clerk') });
    const outgoing = list.filter((m) => m.id.startsWith('outgoing.'));
    assert.deepEqual(
      outgoing.map((m) => m.id),
      ['outgoing.issued', 'outgoing.issuedByType', 'outgoing.numbered', 'outgoing.unnumbered', 'outgoing.daysToSignOff', 'outgoing.printedCopies', 'outgoing.yoyChange', 'outgoing.normativeReviewed'],
    );
    for (const m of outgoing) assert.ok(m.description.includes('按单位统计时') && m.description.includes('会签'), m.id);
    assert.ok(list.findIndex((m) => m.id === 'outgoing.issued') > list.findIndex((m) => m.id === 'incoming.received'));
  });

  test('outgoing.issued: 核发 in April by Shanghai time, by 代字, with last April and the change', async () => {
    const april = await metric('outgoing.issued');
    assert.equal(april.value, 4); // O2 at 00:10 on 1 April counts; O5 at 00:10 on 1 May does not
    assert.deepEqual(april.parts, { 测政办发: 3, 测政发: 1 });
    assert.deepEqual(april.previous, { range: LAST_APRIL, value: 3, hasData: true });
    assert.deepEqual(april.change, { absolute: 1, percent: 33.3 });
    assert.equal((await metric('outgoing.issued', MARCH)).value, 0); // O2 was printed in March, issued in April
    assert.deepEqual((await metric('outgoing.issued', { from: '2026-05-01', to: '2026-05-31' })).parts, { 测政发: 1 }); // O5
    assert.equal((await metric('outgoing.issued', { from: '2026-01-01', to: '2026-12-31' })).value, 5);
  });

  test('outgoing.issuedByType: the same documents by 文种', async () => {
    const april = await metric('outgoing.issuedByType');
    assert.equal(april.value, 4);
    assert.deepEqual(april.parts, { 通知: 2, 函: 1, 意见: 1 });
    assert.equal(april.previous.value, 3);
  });

  test('outgoing.numbered / unnumbered: with and without a 文号, adding up to the documents issued', async () => {
    const numbered = await metric('outgoing.numbered');
    assert.equal(numbered.value, 3);
    assert.deepEqual(numbered.parts, { 测政办发: 2, 测政发: 1 });
    assert.equal(numbered.previous.value, 3);
    const unnumbered = await metric('outgoing.unnumbered');
    assert.equal(unnumbered.value, 1); // O3
    assert.deepEqual(unnumbered.parts, { 测政办发: 1 });
    assert.deepEqual(unnumbered.previous, { range: LAST_APRIL, value: 0, hasData: true });
    assert.deepEqual(unnumbered.change, { absolute: 1, percent: null });
  });

  test('outgoing.daysToSignOff: working days from 起草 to the last 签发, over 清明 by the calendar, withdrawn left out', async () => {
    assert.equal(weekdaysOverQingming, 3); // 04-03, 04-07, 04-08: Monday 04-06 is 清明
    const april = await metric('outgoing.daysToSignOff');
    assert.deepEqual(april.extra, { mean: 1.8, max: 3, count: 4 }); // O1 3, O3 1, O4 2, O5 1; not W1 (withdrawn)
    assert.equal(april.value, 1.8);
    assert.equal(april.previous.value, 1.3); // L1 1, L2 2, L3 1
    assert.deepEqual(april.change, { absolute: 0.5, percent: 38.5 });
    // O2 was signed on 03-11 and, after a substantive change, again on 03-13: counted once, by the last 签发.
    assert.deepEqual((await metric('outgoing.daysToSignOff', MARCH)).extra, { mean: 4, max: 4, count: 1 });
  });

  test('outgoing.printedCopies: 份数 of documents printed in April, by 代字, with last April', async () => {
    const april = await metric('outgoing.printedCopies');
    assert.equal(april.value, 182); // O1 30, O3 2, O4 50, O5 100 (printed 04-30 23:50, issued in May); O2 was printed in March
    assert.deepEqual(april.parts, { 测政发: 130, 测政办发: 52 });
    assert.deepEqual(april.extra, { documents: 4 });
    assert.deepEqual(april.previous, { range: LAST_APRIL, value: 20, hasData: true });
    assert.deepEqual(april.change, { absolute: 162, percent: 810 });
    assert.equal((await metric('outgoing.printedCopies', MARCH)).value, 8);
  });

  test('outgoing.yoyChange: documents issued against the same dates last year, in 件 and %', async () => {
    const april = await metric('outgoing.yoyChange');
    assert.equal(april.value, 1);
    assert.deepEqual(april.parts, { current: 4, previous: 3 });
    assert.deepEqual(april.extra, { percent: 33.3 });
    const fewer = await metric('outgoing.yoyChange', { from: '2026-04-01', to: '2026-04-23' }); // O2, O1, O3 against L1, L2, L3
    assert.deepEqual([fewer.value, fewer.parts, fewer.extra], [0, { current: 3, previous: 3 }, { percent: 0 }]);
    // Before Fuban held any 发文 (the first was drafted on 2025-04-07) the change is unknown, not "3 more".
    const lastYear = await metric('outgoing.yoyChange', LAST_APRIL);
    assert.deepEqual([lastYear.value, lastYear.parts, lastYear.extra], [null, { current: 3 }, { percent: null }]);
    const march = await metric('outgoing.yoyChange', MARCH);
    assert.deepEqual([march.value, march.parts, march.extra], [null, { current: 0 }, { percent: null }]);
    // From 2025-04-07 on, last year's 0 is a real 0: the change is known, its percentage is not.
    const may = await metric('outgoing.yoyChange', { from: '2026-05-01', to: '2026-05-31' });
    assert.deepEqual([may.value, may.parts, may.extra], [1, { current: 1, previous: 0 }, { percent: null }]);
  });

  test('outgoing.normativeReviewed: 规范性文件 given a 合法性审查 in April, with the opinion lines', async () => {
    const april = await metric('outgoing.normativeReviewed');
    assert.equal(april.value, 1);
    assert.deepEqual(april.extra, { opinions: 2 }); // the 同意 line is not an opinion
    assert.deepEqual(april.previous, { range: LAST_APRIL, value: 0, hasData: true });
    assert.deepEqual((await detailOf('clerk', 'O4')).fields.normativeReview.opinions, ['建议第三条明确适用范围。', '建议删除第五条中的罚款规定。']);
    assert.equal((await metric('outgoing.normativeReviewed', MARCH)).value, 0);
  });

  test('per unit: drafted by the unit or sent to it for 会签; a 联络员 gets their own unit', async () => {
    const a = { ...APRIL, unit: units.a };
    const issuedA = await metric('outgoing.issued', a);
    assert.deepEqual([issuedA.value, issuedA.parts], [1, { 测政办发: 1 }]); // O2, 会签 by unit A
    assert.deepEqual(issuedA.scopeUnit, { id: units.a, name: '发改委' });
    assert.deepEqual(issuedA.previous, { range: LAST_APRIL, value: 0, hasData: true });
    const yoyA = await metric('outgoing.yoyChange', a);
    assert.deepEqual([yoyA.value, yoyA.parts, yoyA.extra], [1, { current: 1, previous: 0 }, { percent: null }]);
    assert.deepEqual((await metric('outgoing.daysToSignOff', { ...MARCH, unit: units.a })).extra, { mean: 4, max: 4, count: 1 });
    assert.equal((await metric('outgoing.daysToSignOff', a)).value, null);

    const research = { ...APRIL, unit: units.research };
    assert.equal((await metric('outgoing.issued', research)).value, 1); // O3, drafted by 综合科
    assert.equal((await metric('outgoing.unnumbered', research)).value, 1);
    assert.equal((await metric('outgoing.normativeReviewed', research)).value, 0); // the reviewer's unit does not count
    const secretariat = { ...APRIL, unit: units.secretariat };
    assert.deepEqual((await metric('outgoing.issued', secretariat)).parts, { 测政办发: 2, 测政发: 1 }); // O1, O2, O4
    assert.equal((await metric('outgoing.printedCopies', secretariat)).value, 180);
    assert.equal((await metric('outgoing.normativeReviewed', secretariat)).value, 1);

    const own = await metric('outgoing.issued', APRIL, 'liaisonA');
    assert.deepEqual([own.value, own.scopeUnit?.id], [1, units.a]);
    await assert.rejects(metric('outgoing.issued', research, 'liaisonA'), { code: 'NOT_FOUND' });
    assert.deepEqual((await records('outgoing.issued', APRIL, 'liaisonA')).items.map((item) => item.id), [ids.O2]);
  });

  test('drill-down: each metric lists exactly the records behind its number', async () => {
    const expected: Record<string, string[]> = {
      'outgoing.issued': idsOf('O1', 'O2', 'O3', 'O4'),
      'outgoing.issuedByType': idsOf('O1', 'O2', 'O3', 'O4'),
      'outgoing.numbered': idsOf('O1', 'O2', 'O4'),
      'outgoing.unnumbered': idsOf('O3'),
      'outgoing.daysToSignOff': idsOf('O1', 'O3', 'O4', 'O5'),
      'outgoing.printedCopies': idsOf('O1', 'O3', 'O4', 'O5'),
      'outgoing.yoyChange': idsOf('O1', 'O2', 'O3', 'O4', 'L1', 'L2', 'L3'),
      'outgoing.normativeReviewed': idsOf('O4'),
    };
    for (const [id, caseIds] of Object.entries(expected)) {
      const page = await records(id);
      assert.deepEqual(page.items.map((item) => item.id).sort(), caseIds, id);
      assert.equal(page.total, caseIds.length, id);
      assert.equal(page.hiddenCount, 0, id);
    }
    assert.deepEqual((await records('outgoing.daysToSignOff', MARCH)).items.map((item) => item.id), [ids.O2]);
    assert.deepEqual((await records('outgoing.issued', { from: '2026-05-01', to: '2026-05-31' })).items.map((item) => item.id), [ids.O5]);
    const hidden = await records('outgoing.issued', { ...APRIL, unit: units.research }, 'liaisonA').catch((error: { code: string }) => error.code);
    assert.equal(hidden, 'NOT_FOUND');
  });

  test('over HTTP: value and drill-down', async () => {
    const q = 'from=2026-04-01&to=2026-04-30';
    const result = (await (await as('clerk')).request('GET', `/api/metrics/outgoing.yoyChange?${q}`)).json();
    assert.deepEqual([result.value, result.parts, result.extra], [1, { current: 4, previous: 3 }, { percent: 33.3 }]);
    assert.equal((await (await as('clerk')).request('GET', `/api/metrics/outgoing.printedCopies/records?${q}`)).json().total, 4);
  });
});
